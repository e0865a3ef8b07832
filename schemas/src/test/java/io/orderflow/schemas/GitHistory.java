package io.orderflow.schemas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Reads earlier versions of the schema files from git, with the git command line. */
final class GitHistory {

    private final Path workTree;

    private GitHistory(Path workTree) {
        this.workTree = workTree;
    }

    /** The repository holding {@code dir}, if git is installed and {@code dir} is inside one. */
    static Optional<GitHistory> of(Path dir) {
        try {
            return Optional.of(new GitHistory(Path.of(run(dir, "git", "rev-parse", "--show-toplevel").trim())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The schemas to compare the working tree with: when the directory has uncommitted
     * changes, the last commit that changed it; otherwise the version before that commit.
     * Empty when there is no earlier version (the schemas are new).
     */
    Optional<Map<String, String>> previousVersion(Path schemaDir) throws IOException {
        String relative = workTree.relativize(schemaDir.toAbsolutePath().normalize()).toString();
        String lastChange = run(workTree, "git", "log", "-1", "--format=%H", "--", relative).trim();
        if (lastChange.isEmpty()) {
            return Optional.empty();
        }
        boolean dirty = !run(workTree, "git", "status", "--porcelain", "--", relative).isBlank();
        String baseline = dirty ? lastChange : lastChange + "^";
        if (!dirty && run(workTree, "git", "rev-list", "--parents", "-n", "1", lastChange).trim().split(" ").length < 2) {
            return Optional.empty();
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : run(workTree, "git", "ls-tree", "-r", "--name-only", baseline, "--", relative + "/")
                .lines().filter(line -> line.endsWith(".avsc")).toList()) {
            files.put(path, run(workTree, "git", "show", baseline + ":" + path));
        }
        return Optional.of(files);
    }

    /** A short name of the commit compared with, for messages. */
    String describe(Path schemaDir) throws IOException {
        String relative = workTree.relativize(schemaDir.toAbsolutePath().normalize()).toString();
        return run(workTree, "git", "log", "-2", "--format=%h %s", "--", relative).trim();
    }

    private static String run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
