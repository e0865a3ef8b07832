package io.orderflow.streams.analytics;

import java.util.regex.Pattern;

/**
 * Figures are kept per currency: nothing adds CNY to USD. The currency is the last part of a figure's key
 * ({@code <dimension>|<value>|<currency>}, {@code <month>|<value>|<currency>}, {@code <customer id>|<currency>}),
 * an ISO 4217 code, as the gateway takes it ({@code [A-Z]{3}}). Keys written before figures were kept per currency
 * have none: they are read as {@value #BEFORE_CURRENCIES}, the currency an order gets when it names none.
 */
public final class CurrencyKeys {

    /** The currency of figures kept before currencies were: the gateway's default. */
    public static final String BEFORE_CURRENCIES = "CNY";
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private CurrencyKeys() {
    }

    /** {@code value} in {@code currency}: the part of a key that names both. */
    public static String of(String value, String currency) {
        return value + "|" + (currency == null ? BEFORE_CURRENCIES : currency);
    }

    /** A value and its currency, read back from {@link #of}'s form (or a key written before currencies). */
    public record Split(String value, String currency) {
    }

    public static Split split(String valueAndCurrency) {
        int bar = valueAndCurrency.lastIndexOf('|');
        if (bar >= 0 && CODE.matcher(valueAndCurrency.substring(bar + 1)).matches()) {
            return new Split(valueAndCurrency.substring(0, bar), valueAndCurrency.substring(bar + 1));
        }
        return new Split(valueAndCurrency, BEFORE_CURRENCIES);
    }
}
