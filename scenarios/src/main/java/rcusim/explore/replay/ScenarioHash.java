package rcusim.explore.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import rcusim.scenarios.builtin.Scenario;

/**
 * A stable hash of what defines a scenario as far as it can be seen from outside: its name,
 * description, machine configuration and injected fault. A recording made before any of them
 * changed is refused with both hashes rather than replayed into a confusing divergence.
 * Changes inside {@link Scenario#load} (the workload's code or its own configuration) are not
 * covered; the replay's per-decision check catches those.
 */
public final class ScenarioHash {
    private ScenarioHash() {
    }

    /** 16 hex digits (the first 64 bits of a SHA-256). */
    public static String of(Scenario s) {
        String definition = String.join("\n", s.name(), s.description(), s.config().toString(),
                s.injection() == null ? "" : s.injection());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
