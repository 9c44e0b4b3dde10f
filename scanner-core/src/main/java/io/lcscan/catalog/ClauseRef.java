package io.lcscan.catalog;

/**
 * A clause a control implements. {@code verified} and {@code title} come from the framework file,
 * so an unconfirmed clause number is shown as unverified wherever it appears.
 */
public record ClauseRef(String framework, String ref, Localized title, boolean verified) {}
