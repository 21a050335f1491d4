package io.cfychatops.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the annotated test once per engine (HSQLDB, PostgreSQL) with a fresh migrated {@link TestDb}
 * as its parameter. See {@link TestDatabases}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@MethodSource("io.cfychatops.store.TestDatabases#all")
public @interface EachDatabase {}
