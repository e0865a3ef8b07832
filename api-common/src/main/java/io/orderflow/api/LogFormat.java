package io.orderflow.api;

import ch.qos.logback.core.PropertyDefinerBase;
import java.util.List;
import java.util.Map;

/**
 * How the apps log, {@value #SETTING}: {@code json} (the default), one JSON object per line for log shippers, or
 * {@code text}, one readable line per event; read as every setting ({@link Settings}). Logback reads it before the
 * app starts, through this definer in the apps' {@code logback.xml}; each app's config reads it again at start, so
 * that a value that is neither stops the app naming the variable. (Read by logback as it was written, a typo named
 * no appender, and every line was lost without a word.)
 */
public final class LogFormat extends PropertyDefinerBase {

    public static final String SETTING = "LOG_FORMAT";
    public static final List<String> FORMATS = List.of("json", "text");

    /** The format {@code settings} ask for; one that is none names the variable and the formats. */
    public static String from(Map<String, ?> settings) {
        return Settings.oneOf(settings, SETTING, "json", FORMATS);
    }

    /**
     * For logback: the format its context's properties ask for (as a test sets them), else the environment's; json
     * for one that is none, so that the app's refusal to start is written.
     */
    @Override
    public String getPropertyValue() {
        String property = getContext() == null ? null : getContext().getProperty(SETTING);
        try {
            return from(property == null ? System.getenv() : Map.of(SETTING, property));
        } catch (IllegalArgumentException e) {
            addError(e.getMessage());
            return "json";
        }
    }
}
