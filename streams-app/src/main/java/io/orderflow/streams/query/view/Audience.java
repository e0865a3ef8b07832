package io.orderflow.streams.query.view;

import io.orderflow.avro.Role;

/**
 * Whom an answer is for, as far as personal data goes. Sales, reviewers, the warehouse, service
 * staff and admins work with the customer and see contact name, phone and address in full;
 * analysts (aggregates, exports for reporting), logistics partners and e-commerce platforms
 * (other companies) see them masked, in JSON and in exports alike.
 */
public enum Audience {
    FULL,
    MASKED;

    public static Audience of(Role role) {
        return switch (role) {
            case SALES, REVIEWER, WAREHOUSE, SERVICE, ADMIN -> FULL;
            default -> MASKED;
        };
    }

    /** {@code 13800138000} reads {@code 138****8000}; short numbers are masked whole. */
    public String phone(String phone) {
        if (this == FULL || phone == null) {
            return phone;
        }
        int length = phone.codePointCount(0, phone.length());
        if (length < 8) {
            return "*".repeat(length);
        }
        return phone.substring(0, 3) + "****" + phone.substring(phone.length() - 4);
    }

    /** The first character of a name, the rest masked: {@code 王小明} reads {@code 王**}. */
    public String name(String name) {
        if (this == FULL || name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /** The first six characters of an address (city, district), the rest masked. */
    public String address(String address) {
        if (this == FULL || address == null || address.isEmpty()) {
            return address;
        }
        int length = address.codePointCount(0, address.length());
        int keep = Math.min(6, length / 2);
        return address.substring(0, address.offsetByCodePoints(0, keep)) + "****";
    }
}
