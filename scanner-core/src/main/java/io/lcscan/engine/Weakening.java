package io.lcscan.engine;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.lcscan.catalog.CompiledRule;
import io.lcscan.catalog.RuleError;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code weakening()} (docs/catalog-format.md, "Change-aware rules"): which settings of the shared
 * vocabulary got weaker between {@code resource.change.before} and the resource.
 *
 * <p>A setting is weaker when a secure value before is replaced by a less secure one; a removed
 * {@code encryption.keyId} is shown as {@code <key>→absent}. For {@code logging.retentionDays},
 * absence means the logs never expire (a log group without retention) and {@code 0} means
 * unlimited. Where any other secure value before has no value after, the answer is not known: an
 * error saying the value is known after apply (when the plan says so) or that the source did not
 * report it. Such errors give way to any setting that definitely got weaker.
 */
final class Weakening {
  private enum Kind {
    /** {@code true} is the secure value. */
    TRUE_SECURE,
    /** {@code false} is the secure value. */
    FALSE_SECURE,
    /** A value that may not be removed. */
    PRESENT,
    /** A number that may not get lower. */
    RETENTION,
    /** Like {@link #RETENTION}, but absence or {@code 0} means unlimited. */
    LOG_RETENTION,
    /** A TLS version that may not get lower. */
    TLS_VERSION
  }

  private record Setting(String path, JsonPointer pointer, Kind kind) {
    Setting(String path, Kind kind) {
      this(path, CompiledRule.pointer(path), kind);
    }
  }

  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("encryption.enabled", Kind.TRUE_SECURE),
          new Setting("encryption.customerManagedKey", Kind.TRUE_SECURE),
          new Setting("encryption.keyId", Kind.PRESENT),
          new Setting("deletionProtection", Kind.TRUE_SECURE),
          new Setting("publicAccess.blocked", Kind.TRUE_SECURE),
          new Setting("publicAccess.public", Kind.FALSE_SECURE),
          new Setting("logging.enabled", Kind.TRUE_SECURE),
          new Setting("logging.retentionDays", Kind.LOG_RETENTION),
          new Setting("backup.enabled", Kind.TRUE_SECURE),
          new Setting("backup.retentionDays", Kind.RETENTION),
          new Setting("tls.minimumVersion", Kind.TLS_VERSION),
          new Setting("tls.httpsOnly", Kind.TRUE_SECURE),
          new Setting("versioning.enabled", Kind.TRUE_SECURE),
          new Setting("rotation.enabled", Kind.TRUE_SECURE));

  /** The region word a plan uses when no provider configuration says. */
  static final String UNKNOWN_REGION = "unknown";

  private Weakening() {}

  /**
   * The weakened settings of {@code resource}, {@code ; }-joined, or {@code ""}.
   *
   * @throws dev.cel.runtime.CelEvaluationException caused by a {@link RuleError} when the resource
   *     has no prior state, or a value that was secure before is unknown or absent after
   */
  static String of(Resource resource) throws dev.cel.runtime.CelEvaluationException {
    ResourceChange change = resource.change();
    if (change == null || change.before() == null) {
      throw RuleError.raise(
          "weakening(): there is no resource.change.before to compare with (test"
              + " has(resource.change.before) first)");
    }
    ResourceChange.Prior before = change.before();
    List<String> weakened = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    if (before.attributes() != null) {
      for (Setting setting : SETTINGS) {
        JsonNode old = before.attributes().at(setting.pointer());
        if (old.isMissingNode() || old.isNull() || !secureBefore(setting.kind(), old)) {
          continue;
        }
        JsonNode now = resource.attributes().at(setting.pointer());
        boolean missing = now.isMissingNode() || now.isNull();
        if (missing && unknownAfterApply(resource, setting.path())) {
          unknown.add(setting.path());
          continue;
        }
        if (missing && setting.kind() != Kind.PRESENT && setting.kind() != Kind.LOG_RETENTION) {
          absent.add(setting.path() + " (" + show(old) + " before)");
          continue;
        }
        if (weaker(setting.kind(), old, now)) {
          weakened.add(setting.path() + " " + show(old) + "→" + show(now));
        }
      }
    }
    String oldRegion = before.region();
    if (oldRegion != null && !oldRegion.equals(UNKNOWN_REGION)) {
      if (resource.region().equals(UNKNOWN_REGION)) {
        unknown.add("region");
      } else if (!Objects.equals(oldRegion, resource.region())) {
        weakened.add("region " + oldRegion + "→" + resource.region());
      }
    }
    if (!weakened.isEmpty()) {
      return String.join("; ", weakened);
    }
    if (!unknown.isEmpty()) {
      throw RuleError.raise(
          String.join(", ", unknown)
              + (unknown.size() == 1 ? " is" : " are")
              + " known after apply");
    }
    if (!absent.isEmpty()) {
      throw RuleError.raise(
          String.join(", ", absent)
              + (absent.size() == 1 ? " is" : " are")
              + " absent after the change: the source did not report "
              + (absent.size() == 1 ? "it" : "them"));
    }
    return "";
  }

  /** Whether the old value is one that can get weaker (a {@code false} flag cannot). */
  private static boolean secureBefore(Kind kind, JsonNode old) {
    return switch (kind) {
      case TRUE_SECURE -> old.isBoolean() && old.booleanValue();
      case FALSE_SECURE -> old.isBoolean() && !old.booleanValue();
      case PRESENT -> !(old.isTextual() && old.textValue().isEmpty());
      case RETENTION, LOG_RETENTION -> old.isNumber();
      case TLS_VERSION -> old.isTextual() && tlsVersion(old.textValue()) >= 0;
    };
  }

  private static boolean weaker(Kind kind, JsonNode old, JsonNode now) {
    boolean absent = now.isMissingNode() || now.isNull();
    return switch (kind) {
      case TRUE_SECURE -> !(now.isBoolean() && now.booleanValue());
      case FALSE_SECURE -> !(now.isBoolean() && !now.booleanValue());
      case PRESENT -> absent || (now.isTextual() && now.textValue().isEmpty());
      case RETENTION -> !now.isNumber() || now.doubleValue() < old.doubleValue();
      case LOG_RETENTION -> {
        if (absent || old.doubleValue() == 0) {
          yield false;
        }
        yield !now.isNumber() || (now.doubleValue() != 0 && now.doubleValue() < old.doubleValue());
      }
      case TLS_VERSION ->
          !now.isTextual() || tlsVersion(now.textValue()) < tlsVersion(old.textValue());
    };
  }

  /** {@code SSLv3} → 0.3, {@code "1.2"} → 1.2; -1 when it is neither. */
  static double tlsVersion(String text) {
    String value = text.trim();
    if (value.equalsIgnoreCase("SSLv3")) {
      return 0.3;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean unknownAfterApply(Resource resource, String path) {
    for (String unknown : resource.unknownAttributes()) {
      if (path.equals(unknown)
          || path.startsWith(unknown + ".")
          || unknown.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  private static String show(JsonNode value) {
    if (value.isMissingNode() || value.isNull()) {
      return "absent";
    }
    return value.isTextual() ? value.textValue() : value.toString();
  }
}
