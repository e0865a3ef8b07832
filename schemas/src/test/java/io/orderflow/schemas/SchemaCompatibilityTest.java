package io.orderflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when the schemas stop being BACKWARD compatible with the version before
 * (the last commit that changed them, read from git), and proves the check itself catches
 * the changes that break consumers.
 */
class SchemaCompatibilityTest {

    @Test
    void shouldStayBackwardCompatibleWithTheLastCommittedSchemas() throws IOException {
        Optional<GitHistory> git = GitHistory.of(SchemaFiles.directory());
        assumeTrue(git.isPresent(), "not inside a git work tree with git installed: no history to compare with");
        Optional<Map<String, String>> previous = git.get().previousVersion(SchemaFiles.directory());
        assumeTrue(previous.isPresent(), "the schemas have no earlier committed version yet");

        List<String> problems = CompatibilityCheck.breakingChanges(
                SchemaSet.parse(previous.get()), SchemaSet.parse(SchemaFiles.read()));

        assertThat(problems)
                .as("schema changes that break BACKWARD compatibility with %s", git.get().describe(SchemaFiles.directory()))
                .isEmpty();
    }

    @Test
    void shouldAcceptAFieldAddedWithADefault() {
        Map<String, Schema> before = SchemaSet.parse(Map.of("T.avsc", record("")));
        Map<String, Schema> after = SchemaSet.parse(Map.of("T.avsc",
                record(",{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null,\"doc\":\"d\"}")));

        assertThat(CompatibilityCheck.breakingChanges(before, after)).isEmpty();
    }

    @Test
    void shouldCatchAFieldAddedWithoutADefault() {
        Map<String, Schema> before = SchemaSet.parse(Map.of("T.avsc", record("")));
        Map<String, Schema> after = SchemaSet.parse(Map.of("T.avsc",
                record(",{\"name\":\"note\",\"type\":\"string\",\"doc\":\"d\"}")));

        assertThat(CompatibilityCheck.breakingChanges(before, after))
                .singleElement().asString().contains("t.T").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void shouldCatchAChangedFieldType() {
        Map<String, Schema> before = SchemaSet.parse(Map.of("T.avsc", record("")));
        Map<String, Schema> after = SchemaSet.parse(Map.of("T.avsc",
                "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"t\",\"fields\":[{\"name\":\"id\",\"type\":\"int\"}]}"));

        assertThat(CompatibilityCheck.breakingChanges(before, after)).isNotEmpty();
    }

    @Test
    void shouldCatchARemovedEnumSymbolAndARemovedType() {
        Map<String, Schema> before = SchemaSet.parse(Map.of(
                "E.avsc", "{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"t\",\"symbols\":[\"A\",\"B\"]}",
                "T.avsc", record("")));
        Map<String, Schema> after = SchemaSet.parse(Map.of(
                "E.avsc", "{\"type\":\"enum\",\"name\":\"E\",\"namespace\":\"t\",\"symbols\":[\"A\"]}"));

        assertThat(CompatibilityCheck.breakingChanges(before, after))
                .anySatisfy(problem -> assertThat(problem).contains("t.E").contains("MISSING_ENUM_SYMBOLS"))
                .anySatisfy(problem -> assertThat(problem).isEqualTo("t.T was removed"));
    }

    @Test
    void shouldParseFilesThatReferToEachOtherInAnyOrder() {
        Map<String, Schema> parsed = SchemaSet.parse(Map.of(
                "A.avsc", "{\"type\":\"record\",\"name\":\"A\",\"namespace\":\"t\",\"fields\":[{\"name\":\"b\",\"type\":\"t.B\"}]}",
                "B.avsc", "{\"type\":\"record\",\"name\":\"B\",\"namespace\":\"t\",\"fields\":[{\"name\":\"c\",\"type\":\"t.C\"}]}",
                "C.avsc", "{\"type\":\"enum\",\"name\":\"C\",\"namespace\":\"t\",\"symbols\":[\"X\"]}"));

        assertThat(parsed).containsOnlyKeys("t.A", "t.B", "t.C");
    }

    private static String record(String extraFields) {
        return "{\"type\":\"record\",\"name\":\"T\",\"namespace\":\"t\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\",\"doc\":\"d\"}" + extraFields + "]}";
    }
}
