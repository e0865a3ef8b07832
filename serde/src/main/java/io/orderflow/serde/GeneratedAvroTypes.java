package io.orderflow.serde;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 loads only trusted classes by name (CVE-2024-47561). The classes generated from
 * our own schemas (specific records and enums) must be among them, or reading a record, and
 * even building one with an enum default, fails. This adds exactly those, on top of Avro's
 * own default list and the {@code org.apache.avro.SERIALIZABLE_*} system properties.
 */
public final class GeneratedAvroTypes {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private GeneratedAvroTypes() {
    }

    /** Trusts generated specific records and enums; idempotent, called by the serde on class load. */
    public static void trust() {
        if (INSTALLED.compareAndSet(false, true)) {
            ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                    previous, GeneratedAvroTypes::isGenerated));
        }
    }

    private static boolean isGenerated(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type)
                || (type.isEnum() && GenericEnumSymbol.class.isAssignableFrom(type));
    }
}
