package io.orderflow.api;

import io.orderflow.avro.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * API keys and the principals they stand for. One key a line, fields separated by blanks:
 *
 * <pre>
 * # key              principal          role       [carrier [webhook-secret]]
 * 7f3a...            desk-li            sales
 * 9c1b...            SF                 logistics  SF      s3cr3t
 * sha256:5e88...     EMS                logistics  EMS
 * </pre>
 *
 * Roles: sales, reviewer, warehouse, logistics, service, analyst, admin, and platform (an e-commerce platform
 * entering orders like the order desk). A logistics partner's principal is its carrier code: the streams app
 * checks a scan's actor against the scan's carrier. Keys are kept only as SHA-256 hashes, so a lookup does not
 * compare secrets character by character.
 *
 * <p>A key may be written as its hash, {@code sha256:<64 hex digits>} (e.g. {@code printf %s "$KEY" | sha256sum}),
 * so that a leaked file does not leak the keys. A principal may have several keys at once, one line each, so that
 * a key can be rotated: add the new one, move the clients, remove the old one. The same key twice is an error.
 *
 * <p>A logistics partner's webhook secret is the line's fifth field, or, when the line ends at the carrier, the
 * variable {@code GATEWAY_WEBHOOK_SECRET_<CARRIER>} or the file that {@code GATEWAY_WEBHOOK_SECRET_<CARRIER>_FILE}
 * names ({@link Settings#secret}), as Docker and Kubernetes mount secrets: a file of hashed keys then holds no secret
 * at all. Both for one carrier is an error. The gateway, which checks the signatures, needs every partner's secret
 * ({@link #requireWebhookSecrets()}); the query API reads none.
 */
public final class ApiKeys {

    private final Map<String, Principal> byKeyHash;

    private ApiKeys(Map<String, Principal> byKeyHash) {
        this.byKeyHash = Map.copyOf(byKeyHash);
    }

    /** The prefix of the variables that hold partners' webhook secrets, {@code GATEWAY_WEBHOOK_SECRET_<CARRIER>}. */
    public static final String WEBHOOK_SECRET_PREFIX = "GATEWAY_WEBHOOK_SECRET_";

    /** Keys from lines in the format above; blank lines and {@code #} comments are skipped. */
    public static ApiKeys parse(List<String> lines) {
        return parse(lines, Map.of());
    }

    /**
     * Keys from lines in the format above, the webhook secret of a logistics line that gives none from
     * {@code webhookSecrets} (carrier code to secret, {@link #webhookSecrets(Map)}).
     */
    public static ApiKeys parse(List<String> lines, Map<String, String> webhookSecrets) {
        Map<String, Principal> keys = new HashMap<>();
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length < 3 || f.length > 5) {
                throw new IllegalArgumentException("API key line " + number + ": expected 3, 4 or 5 fields");
            }
            Role role = roleOf(f[2], number);
            if (role != Role.LOGISTICS && f.length != 3) {
                throw new IllegalArgumentException("API key line " + number + ": only a logistics partner has a carrier");
            }
            if (role == Role.LOGISTICS && f.length == 3) {
                throw new IllegalArgumentException("API key line " + number + ": logistics needs its carrier");
            }
            Principal principal = role == Role.LOGISTICS
                    ? new Principal(f[1], role, f[3], webhookSecret(f, webhookSecrets, number))
                    : Principal.of(f[1], role);
            if (role == Role.LOGISTICS && !f[1].equals(f[3])) {
                throw new IllegalArgumentException("API key line " + number
                        + ": a logistics partner's principal must be its carrier code");
            }
            String keyHash = keyHash(f[0], number);
            if (keys.putIfAbsent(keyHash, principal) != null) {
                throw new IllegalArgumentException("API key line " + number + ": the same key as an earlier line");
            }
        }
        return new ApiKeys(keys);
    }

    /** A logistics line's webhook secret: its fifth field, or the carrier's variable; never both. */
    private static String webhookSecret(String[] f, Map<String, String> webhookSecrets, int number) {
        String fromVariable = webhookSecrets.get(f[3].toUpperCase(Locale.ROOT));
        if (f.length == 5 && fromVariable != null) {
            throw new IllegalArgumentException("API key line " + number + ": the webhook secret of " + f[3]
                    + " is both on the line and in " + WEBHOOK_SECRET_PREFIX + f[3].toUpperCase(Locale.ROOT));
        }
        return f.length == 5 ? f[4] : fromVariable;
    }

    /**
     * Partners' webhook secrets from {@code GATEWAY_WEBHOOK_SECRET_<CARRIER>} or {@code ..._FILE}, by carrier code in
     * upper case. Values are never part of an error message.
     */
    public static Map<String, String> webhookSecrets(Map<String, String> env) {
        Map<String, String> secrets = new HashMap<>();
        for (String variable : env.keySet()) {
            if (!variable.startsWith(WEBHOOK_SECRET_PREFIX)) {
                continue;
            }
            String name = variable.endsWith("_FILE") ? variable.substring(0, variable.length() - "_FILE".length()) : variable;
            if (name.length() <= WEBHOOK_SECRET_PREFIX.length()) {
                continue;
            }
            String secret = Settings.secret(env, name);
            if (secret != null) {
                secrets.put(name.substring(WEBHOOK_SECRET_PREFIX.length()).toUpperCase(Locale.ROOT), secret);
            }
        }
        return secrets;
    }

    /**
     * This, when every logistics partner has its webhook secret; else an error that names the carrier and where the
     * secret may come from. The gateway, which checks the partners' signatures, starts only so.
     */
    public ApiKeys requireWebhookSecrets() {
        byKeyHash.values().stream()
                .filter(principal -> principal.role() == Role.LOGISTICS && principal.webhookSecret() == null)
                .map(Principal::carrier).sorted().findFirst()
                .ifPresent(carrier -> {
                    throw new IllegalArgumentException("no webhook secret for the logistics partner " + carrier
                            + ": give it as the fifth field of its API key line, or set " + WEBHOOK_SECRET_PREFIX
                            + carrier.toUpperCase(Locale.ROOT) + " or " + WEBHOOK_SECRET_PREFIX
                            + carrier.toUpperCase(Locale.ROOT) + "_FILE");
                });
        return this;
    }

    /**
     * Keys from the settings: the file GATEWAY_API_KEYS_FILE, the lines of GATEWAY_API_KEYS (separated by
     * {@code ;}), and the documented demo keys ({@link DemoKeys}) when {@code demoKeys}.
     */
    public static ApiKeys from(String file, String inline, boolean demoKeys) {
        return from(file, inline, demoKeys, Map.of());
    }

    /** As {@link #from(String, String, boolean)}, partners' webhook secrets also from {@code webhookSecrets}. */
    public static ApiKeys from(String file, String inline, boolean demoKeys, Map<String, String> webhookSecrets) {
        List<String> lines = new java.util.ArrayList<>();
        if (demoKeys) {
            lines.addAll(DemoKeys.lines());
        }
        if (file != null && !file.isBlank()) {
            try {
                lines.addAll(Files.readAllLines(Path.of(file), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API keys file " + file, e);
            }
        }
        if (inline != null && !inline.isBlank()) {
            lines.addAll(List.of(inline.split(";")));
        }
        return parse(lines, webhookSecrets);
    }

    /** The setting that turns the documented demo keys on; off unless set. */
    public static final String DEMO_KEYS_SETTING = "GATEWAY_DEMO_KEYS";

    /**
     * The keys an app serves with, from its settings: GATEWAY_API_KEYS_FILE, GATEWAY_API_KEYS, and the demo keys
     * only when {@value #DEMO_KEYS_SETTING} is on ({@link Settings#flag}; off by default). With no key at all the
     * app does not run open: this stops it at start and says what to set.
     */
    public static ApiKeys configured(Map<String, String> env) {
        return configured(Settings.text(env, "GATEWAY_API_KEYS_FILE", null), Settings.text(env, "GATEWAY_API_KEYS", null),
                demoKeysOn(env), webhookSecrets(env));
    }

    /** As {@link #configured(Map)}, from settings already read. */
    public static ApiKeys configured(String file, String inline, boolean demoKeys) {
        return configured(file, inline, demoKeys, Map.of());
    }

    /** As {@link #configured(Map)}, from settings already read. */
    public static ApiKeys configured(String file, String inline, boolean demoKeys, Map<String, String> webhookSecrets) {
        ApiKeys keys = from(file, inline, demoKeys, webhookSecrets);
        if (keys.size() == 0) {
            throw new IllegalArgumentException("no API keys are configured: set GATEWAY_API_KEYS_FILE (a keys file) or"
                    + " GATEWAY_API_KEYS, or " + DEMO_KEYS_SETTING + "=true for the documented demo keys on a machine"
                    + " nobody else reaches (./orderflow up sets it)");
        }
        return keys;
    }

    /** Whether {@value #DEMO_KEYS_SETTING} is on in {@code env}; an app that serves them warns at start. */
    public static boolean demoKeysOn(Map<String, String> env) {
        return Settings.flag(env, DEMO_KEYS_SETTING, false);
    }

    /** The warning an app logs once at start when it serves the demo keys. */
    public static final String DEMO_KEYS_WARNING = DEMO_KEYS_SETTING + " is on: the documented demo API keys"
            + " (demo-admin and the others) and demo webhook secrets are accepted. Anyone who reaches this app can use"
            + " them; turn it off anywhere but a local trial.";

    public Optional<Principal> principalOf(String apiKey) {
        if (apiKey == null || apiKey.isEmpty() || apiKey.length() > 512) {
            return Optional.empty();
        }
        return Optional.ofNullable(byKeyHash.get(hash(apiKey)));
    }

    public int size() {
        return byKeyHash.size();
    }

    private static Role roleOf(String name, int line) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sales" -> Role.SALES;
            case "reviewer" -> Role.REVIEWER;
            case "warehouse" -> Role.WAREHOUSE;
            case "logistics" -> Role.LOGISTICS;
            case "service" -> Role.SERVICE;
            case "analyst" -> Role.ANALYST;
            case "admin" -> Role.ADMIN;
            case "platform" -> Role.PLATFORM;
            default -> throw new IllegalArgumentException("API key line " + line + ": unknown role " + name);
        };
    }

    private static String hash(String key) {
        return Sha256.hex(key);
    }

    private static final String HASHED = "sha256:";

    /** The hash a key line stands for: given as {@code sha256:<hex>}, or the hash of the key written out. */
    private static String keyHash(String field, int number) {
        if (!field.startsWith(HASHED)) {
            return hash(field);
        }
        String hex = field.substring(HASHED.length()).toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("API key line " + number + ": a hashed key is sha256: and 64 hex digits");
        }
        return hex;
    }
}
