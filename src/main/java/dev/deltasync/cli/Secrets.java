package dev.deltasync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;



final class Secrets {

    private Secrets() {
    }

    static String resolve(String secret, Path secretFile) {
        if (secret != null && !secret.isEmpty()) {
            return secret;
        }
        if (secretFile == null || secretFile.toString().isEmpty()) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(secretFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0).trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + secretFile + ": " + e.getMessage());
        }
    }
}
