package io.orderflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In a JVM of its own that sees 2 cores, as our machines have: which thread runs a default async step. */
class CommonPoolTest {

    /** The child JVM: optionally sizes the pool, then prints the name of the thread an async step ran on. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("sized")) {
            CommonPool.atLeastTwo();
        }
        System.out.println(CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).join());
    }

    @Test
    void shouldRunDefaultAsyncStepsOnThePoolOnATwoCoreMachine() throws Exception {
        assertThat(asyncThreadInChild("sized")).startsWith("ForkJoinPool.commonPool-worker");
    }

    @Test
    void shouldShowThatWithoutItEachAsyncStepGetsANewThread() throws Exception {
        // The JVM's own behaviour, which the class above exists for: a plain "Thread-N" per step.
        assertThat(asyncThreadInChild("plain")).startsWith("Thread-");
    }

    @Test
    void shouldKeepAnExplicitSetting() {
        String before = System.getProperty(CommonPool.PARALLELISM);
        System.setProperty(CommonPool.PARALLELISM, "7");
        try {
            CommonPool.atLeastTwo();
            assertThat(System.getProperty(CommonPool.PARALLELISM)).isEqualTo("7");
        } finally {
            if (before == null) {
                System.clearProperty(CommonPool.PARALLELISM);
            } else {
                System.setProperty(CommonPool.PARALLELISM, before);
            }
        }
    }

    private static String asyncThreadInChild(String mode) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(java.toString(), "-XX:ActiveProcessorCount=2", "-cp",
                System.getProperty("java.class.path"), CommonPoolTest.class.getName(), mode))
                .redirectErrorStream(true).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.exitValue()).as(output).isZero();
        return output;
    }
}
