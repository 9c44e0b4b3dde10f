package io.lcscan.catalog;

/**
 * What {@code skip(reason)} and {@code fail(message)} return inside a rule. They are typed {@code
 * dyn}, so a rule can put either on one side of a ternary and a bool on the other.
 */
public sealed interface RuleSignal {

  String text();

  record Skip(String text) implements RuleSignal {}

  record Fail(String text) implements RuleSignal {}
}
