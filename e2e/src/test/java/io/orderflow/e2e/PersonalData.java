package io.orderflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code docs/domain.md}, "Actors and roles": personal data (phone, address) never goes to logs. Checked on every
 * child process's log file.
 */
final class PersonalData {

    private PersonalData() {
    }

    static void assertNotLogged(Collection<Path> logFiles, Collection<String> personalData) throws IOException {
        assertThat(logFiles).as("log files of the child processes").isNotEmpty();
        assertThat(personalData).as("personal data sent").isNotEmpty();
        List<String> found = new ArrayList<>();
        for (Path log : logFiles) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            for (String value : personalData) {
                if (text.contains(value)) {
                    found.add(value + " in " + log.getFileName());
                }
            }
        }
        assertThat(found).as("personal data in the logs").isEmpty();
    }
}
