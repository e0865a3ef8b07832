package io.orderflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JitTest {

    @Test
    void readsTheTimeColumnOfJstat() {
        String out = """
                Compiled Failed Invalid   Time   FailedType FailedMethod
                   13588      0       0   100.14          0
                """;

        assertThat(Jit.parse(out)).hasValue(100.14);
    }

    @Test
    void anythingElseIsNoReading() {
        assertThat(Jit.parse("12345 not found")).isEmpty();
        assertThat(Jit.parse("Compiled Failed\n1 0\n")).isEmpty();
        assertThat(Jit.parse("Compiled Time\n1 soon\n")).isEmpty();
    }

    @Test
    void totalsAndNamesWhatEachCompiled() {
        Jit jit = new Jit().watch("gateway", () -> 1.0).watch("app", () -> 2.0);

        assertThat(Jit.total(new double[] {1.0, 2.0}, new double[] {1.5, 4.0})).isEqualTo(2.5);
        assertThat(jit.between(new double[] {1.0, 2.0}, new double[] {1.5, 4.0})).isEqualTo("gateway 0.5, app 2.0 s");
        assertThat(jit.now()).containsExactly(1.0, 2.0);
        assertThat(Jit.total(new double[] {1.0}, new double[] {Double.NaN})).isNaN();
    }
}
