package io.orderflow.streams.query.export;

import java.util.Locale;

/** The language of an export's header row ({@code ?lang=}): English field names or the source documents' Chinese. */
public enum HeaderLanguage {
    EN,
    ZH;

    /** {@code en} (also when absent) or {@code zh}; null for any other. */
    public static HeaderLanguage of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return EN;
        }
        return switch (parameter.trim().toLowerCase(Locale.ROOT)) {
            case "en" -> EN;
            case "zh", "zh-cn", "cn" -> ZH;
            default -> null;
        };
    }
}
