package io.lcscan.engine;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelResolvedOverload;
import dev.cel.runtime.CelVariableResolver;
import io.lcscan.catalog.CelList;
import io.lcscan.catalog.CelMap;
import io.lcscan.catalog.CelValues;
import io.lcscan.catalog.CompiledRule;
import io.lcscan.catalog.Control;
import io.lcscan.catalog.ResourceTypeSchema;
import io.lcscan.catalog.RuleCompiler;
import io.lcscan.catalog.RuleError;
import io.lcscan.catalog.RuleSignal;
import io.lcscan.config.ApprovedServices;
import io.lcscan.config.Attestations;
import io.lcscan.config.LcscanConfig;
import io.lcscan.config.Settings;
import io.lcscan.config.Waivers;
import io.lcscan.spi.Classification;
import io.lcscan.spi.CoverageGap;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import io.lcscan.spi.ResourceSource;
import io.lcscan.spi.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One evaluation of the catalog over one inventory. It is the CEL variable and function resolver of
 * every rule evaluation in it: the late-bound functions read the resource under evaluation from
 * here, so compiled programs stay shared and the pass allocates little per evaluation.
 * Single-threaded: a second thread gets a pass of its own.
 */
final class EvaluationPass implements CelVariableResolver, CelFunctionResolver {
  private static final Pattern MISSING_KEY = Pattern.compile("key '([^']*)' is not present");
  private static final Pattern EVALUATION_ERROR_AT =
      Pattern.compile("^evaluation error at [^:]*:\\d+: ");
  private static final int MAX_VALUE_LENGTH = 120;
  private static final String UNKNOWN_REGION_MESSAGE = "region is known after apply";

  private final LcscanConfig config;
  private final Inventory inventory;
  private final Instant now;
  private final LocalDate today;
  private final Settings settings;
  private final Optional<Object> settingsValue;
  private final Optional<Object> nowValue;
  private final List<Resource> resources;
  private final Object[] celValues;
  private final Classification[] classifications;

  private final Optional<CelResolvedOverload> daysSince;
  private final Optional<CelResolvedOverload> daysUntil;
  private final Optional<CelResolvedOverload> tagOf;
  private final Optional<CelResolvedOverload> inDisposal;
  private final Optional<CelResolvedOverload> resourcesOf;
  private final Optional<CelResolvedOverload> resourceExists;
  private final Optional<CelResolvedOverload> approval;
  private final Optional<CelResolvedOverload> weakening;
  private final Optional<CelResolvedOverload> resourceById;

  private Map<String, List<Integer>> byScopeAndType;
  private final Map<String, Map<String, List<Object>>> lookups = new HashMap<>();
  private String lookupProvider;
  private String lookupAccount;
  private Map<String, List<Object>> scopeLookups;
  private Set<String> ids;
  private Map<String, Integer> byId;
  private int[] order;
  private final boolean[] deleteOnly;
  private final boolean anyDeleteOnly;
  private Map<String, List<Integer>> orderedByType;
  private List<List<String>> accounts;
  private final Map<String, Map<String, Object>> approvals = new HashMap<>();
  private final Map<String, Instant> parsedTimes = new HashMap<>();

  // The resource under evaluation.
  private Classification classification;
  private Resource resource;
  private Map<String, Object> resourceValue;
  private Optional<Object> resourceOptional;
  private Map<String, Object> approvalOfResource;

  EvaluationPass(LcscanConfig config, Inventory inventory, Instant now) {
    this.config = config;
    this.inventory = inventory;
    this.now = now;
    this.today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    this.settings = config.settings();
    this.settingsValue = Optional.of(settings.celValue());
    this.nowValue = Optional.of(now);
    this.resources = inventory.resources();
    this.celValues = new Object[resources.size()];
    this.classifications = new Classification[resources.size()];
    this.deleteOnly = new boolean[resources.size()];
    boolean any = false;
    for (int i = 0; i < deleteOnly.length; i++) {
      deleteOnly[i] = deleteOnly(resources.get(i));
      any |= deleteOnly[i];
    }
    this.anyDeleteOnly = any;
    this.daysSince = overload(RuleCompiler.DAYS_SINCE, 1, args -> days(args[0], true));
    this.daysUntil = overload(RuleCompiler.DAYS_UNTIL, 1, args -> days(args[0], false));
    this.tagOf = overload(RuleCompiler.TAG_OF, 1, args -> tagOf(text(args[0], "tagOf")));
    this.inDisposal = overload(RuleCompiler.IN_DISPOSAL, 0, args -> inDisposal());
    this.resourcesOf =
        overload(RuleCompiler.RESOURCES, 1, args -> resources(text(args[0], "resources")));
    this.resourceExists =
        overload(
            RuleCompiler.RESOURCE_EXISTS,
            1,
            args -> resourceExists(text(args[0], "resourceExists")));
    this.approval = overload(RuleCompiler.APPROVAL, 0, args -> approval());
    this.weakening = overload(RuleCompiler.WEAKENING, 0, args -> Weakening.of(resource));
    this.resourceById =
        overload(
            RuleCompiler.RESOURCE_BY_ID, 1, args -> resourceById(text(args[0], "resourceById")));
  }

  /** Arguments are typed Object: the functions check them and say what was wrong. */
  private static Optional<CelResolvedOverload> overload(
      String name, int arity, dev.cel.runtime.CelFunctionOverload function) {
    List<Class<?>> parameters = java.util.Collections.nCopies(arity, Object.class);
    return Optional.of(CelResolvedOverload.of(name, "lcscan_" + name, function, true, parameters));
  }

  // ---- the run

  /**
   * Evaluates and returns the findings in {@link Engine#FINDING_ORDER}. Findings are collected per
   * control while resources are visited in sorted order, so only controls that also got gap or
   * manual findings need sorting.
   *
   * @param twoThreads whether to evaluate the second half of the resources (by rule count) on
   *     another thread, with a pass of its own; the findings are the same either way
   */
  List<Finding> run(
      Map<String, List<Engine.Binding>> rulesByType,
      List<Control> manualControls,
      Map<String, Set<String>> typesRead,
      Predicate<Control> accept,
      boolean twoThreads) {
    int[] order = resourceOrder();
    int split = twoThreads ? half(order, rulesByType) : order.length;
    return run(rulesByType, manualControls, typesRead, accept, split);
  }

  /**
   * As {@link #run(Map, List, Map, Predicate, boolean)}, with the resources from position {@code
   * split} of the finding order on evaluated on another thread (none when it is their number).
   */
  List<Finding> run(
      Map<String, List<Engine.Binding>> rulesByType,
      List<Control> manualControls,
      Map<String, Set<String>> typesRead,
      Predicate<Control> accept,
      int split) {
    List<Control> controls = config.catalog().controls();
    Map<String, Integer> ordinals = new HashMap<>();
    for (int i = 0; i < controls.size(); i++) {
      ordinals.put(controls.get(i).id(), i);
    }
    List<List<Finding>> buckets = emptyBuckets(controls.size());
    boolean[] unordered = new boolean[controls.size()];
    Map<String, List<CoverageGap>> gapsByType = new HashMap<>();
    for (CoverageGap gap : inventory.gaps()) {
      gapsByType.computeIfAbsent(gap.resourceType(), type -> new ArrayList<>()).add(gap);
    }
    int[] order = resourceOrder();
    if (split < 0 || split > order.length) {
      throw new IllegalArgumentException("split " + split + " is outside 0.." + order.length);
    }
    Background<List<List<Finding>>> second = null;
    if (split < order.length) {
      EvaluationPass other = new EvaluationPass(config, inventory, now);
      other.order = order;
      Map<String, List<CoverageGap>> gaps = gapsByType;
      second =
          new Background<>("lcscan-evaluate") {
            @Override
            protected List<List<Finding>> compute() {
              List<List<Finding>> found = emptyBuckets(controls.size());
              other.evaluate(order, split, order.length, rulesByType, gaps, accept, found);
              return found;
            }
          };
      second.start();
    }
    evaluate(order, 0, split, rulesByType, gapsByType, accept, buckets);
    if (second != null) {
      // the second half of the resources follows the first in finding order
      List<List<Finding>> found = second.await();
      for (int i = 0; i < buckets.size(); i++) {
        buckets.get(i).addAll(found.get(i));
      }
    }
    for (Control control : manualControls) {
      if (accept.test(control)) {
        int ordinal = ordinals.get(control.id());
        manualFindings(control, gapsByType, order, buckets.get(ordinal));
        unordered[ordinal] = true;
      }
    }
    for (CoverageGap gap : inventory.gaps()) {
      for (Control control : controls) {
        if (accept.test(control)
            && typesRead.getOrDefault(control.id(), Set.of()).contains(gap.resourceType())) {
          int ordinal = ordinals.get(control.id());
          buckets.get(ordinal).add(gapFinding(control, gap));
          unordered[ordinal] = true;
        }
      }
    }
    int total = 0;
    for (List<Finding> bucket : buckets) {
      total += bucket.size();
    }
    List<Finding> findings = new ArrayList<>(total);
    for (int i = 0; i < buckets.size(); i++) {
      if (unordered[i]) {
        buckets.get(i).sort(Engine.FINDING_ORDER);
      }
      findings.addAll(buckets.get(i));
    }
    return findings;
  }

  private static List<List<Finding>> emptyBuckets(int size) {
    List<List<Finding>> buckets = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      buckets.add(new ArrayList<>());
    }
    return buckets;
  }

  /** Evaluates the rules of the resources at positions {@code from} to {@code to} of the order. */
  private void evaluate(
      int[] order,
      int from,
      int to,
      Map<String, List<Engine.Binding>> rulesByType,
      Map<String, List<CoverageGap>> gapsByType,
      Predicate<Control> accept,
      List<List<Finding>> buckets) {
    for (int position = from; position < to; position++) {
      int i = order[position];
      List<Engine.Binding> bindings = rulesByType.get(resources.get(i).type());
      if (bindings == null) {
        continue;
      }
      select(i);
      CoverageGap gap = coveringGap(gapsByType, resource);
      boolean planned = anyDeleteOnly && deleteOnly[i];
      for (Engine.Binding binding : bindings) {
        if (planned && !binding.rule().readsChange()) {
          continue;
        }
        if (accept.test(binding.control())) {
          buckets.get(binding.ordinal()).add(evaluate(binding, classification, gap, gapsByType));
        }
      }
    }
  }

  /** The position in {@code order} that leaves about half of the rules to evaluate before it. */
  private int half(int[] order, Map<String, List<Engine.Binding>> rulesByType) {
    long total = 0;
    for (int i : order) {
      total += rulesByType.getOrDefault(resources.get(i).type(), List.of()).size();
    }
    long sum = 0;
    for (int position = 0; position < order.length; position++) {
      if (2 * sum >= total) {
        return position;
      }
      sum += rulesByType.getOrDefault(resources.get(order[position]).type(), List.of()).size();
    }
    return order.length;
  }

  /**
   * Resource indices by provider, account, region, type and id: the order of findings. Computed
   * once per pass. Resources are grouped by (provider, account, region, type) in nested sorted maps
   * and only ids are sorted within a group, so no comparison walks a long shared prefix.
   */
  private int[] resourceOrder() {
    if (order != null) {
      return order;
    }
    int size = resources.size();
    boolean sorted = true;
    for (int i = 1; i < size && sorted; i++) {
      sorted = compare(resources.get(i - 1), resources.get(i)) <= 0;
    }
    int[] result = new int[size];
    if (sorted) {
      for (int i = 0; i < size; i++) {
        result[i] = i;
      }
      order = result;
      return result;
    }
    TreeMap<String, TreeMap<String, TreeMap<String, TreeMap<String, List<Integer>>>>> groups =
        new TreeMap<>();
    for (int i = 0; i < size; i++) {
      Resource each = resources.get(i);
      groups
          .computeIfAbsent(each.provider(), k -> new TreeMap<>())
          .computeIfAbsent(each.account(), k -> new TreeMap<>())
          .computeIfAbsent(each.region(), k -> new TreeMap<>())
          .computeIfAbsent(each.type(), k -> new ArrayList<>())
          .add(i);
    }
    int next = 0;
    for (var byAccount : groups.values()) {
      for (var byRegion : byAccount.values()) {
        for (var byType : byRegion.values()) {
          for (List<Integer> group : byType.values()) {
            if (group.size() > 1) {
              group.sort((a, b) -> resources.get(a).id().compareTo(resources.get(b).id()));
            }
            for (int index : group) {
              result[next++] = index;
            }
          }
        }
      }
    }
    order = result;
    return result;
  }

  private static int compare(Resource a, Resource b) {
    int c = a.provider().compareTo(b.provider());
    if (c == 0) {
      c = a.account().compareTo(b.account());
    }
    if (c == 0) {
      c = a.region().compareTo(b.region());
    }
    if (c == 0) {
      c = a.type().compareTo(b.type());
    }
    if (c == 0) {
      c = a.id().compareTo(b.id());
    }
    return c;
  }

  private void select(int index) {
    approvalOfResource = null;
    resource = resources.get(index);
    classification = classificationOf(index);
    resourceValue = celValue(index);
    resourceOptional = Optional.of(resourceValue);
  }

  Classification classification(Resource candidate) {
    if (candidate.classification() != null) {
      return candidate.classification();
    }
    String key = settings.tagKey("classification");
    return Classification.fromTag(key == null ? null : candidate.tag(key))
        .orElse(settings.defaultClassification());
  }

  private static CoverageGap coveringGap(
      Map<String, List<CoverageGap>> gapsByType, Resource resource) {
    List<CoverageGap> gaps = gapsByType.get(resource.type());
    if (gaps == null) {
      return null;
    }
    for (CoverageGap gap : gaps) {
      if (gap.provider().equals(resource.provider())
          && gap.covers(resource.account(), resource.region())) {
        return gap;
      }
    }
    return null;
  }

  private Finding evaluate(
      Engine.Binding binding,
      Classification classification,
      CoverageGap gap,
      Map<String, List<CoverageGap>> gapsByType) {
    Control control = binding.control();
    CompiledRule rule = binding.rule();
    if (control.minClassification() != null
        && !classification.atLeast(control.minClassification())) {
      return finding(
          control,
          classification,
          Status.NOT_APPLICABLE,
          "classification " + classification + " is below " + control.minClassification(),
          Map.of(),
          null);
    }
    if (gap != null) {
      return finding(control, classification, Status.ERROR, gapMessage(gap), Map.of(), null);
    }
    for (String lookupType : rule.lookupTypes()) {
      for (CoverageGap lookupGap : gapsByType.getOrDefault(lookupType, List.of())) {
        if (lookupGap.provider().equals(resource.provider())
            && (lookupGap.account().isEmpty() || lookupGap.account().equals(resource.account()))) {
          return finding(
              control,
              classification,
              Status.ERROR,
              "the rule reads every "
                  + lookupType
                  + " in the account, and they were not all collected: "
                  + gapMessage(lookupGap),
              Map.of(),
              null);
        }
      }
    }
    if (rule.readsRegion() && resource.region().equals(Weakening.UNKNOWN_REGION)) {
      return finding(
          control, classification, Status.ERROR, UNKNOWN_REGION_MESSAGE, evidence(rule), null);
    }
    Object result;
    try {
      result = rule.program().eval(this, this);
    } catch (CelEvaluationException | RuntimeException e) {
      Optional<String> ruleError = RuleError.find(e);
      if (ruleError.isEmpty()) {
        String deferred = liveOnlyMessage(rule, e);
        if (deferred != null) {
          return finding(
              control, classification, Status.NOT_APPLICABLE, deferred, evidence(rule), null);
        }
      }
      String message = ruleError.orElseGet(() -> errorMessage(rule, e));
      return finding(control, classification, Status.ERROR, message, evidence(rule), null);
    }
    if (result instanceof Boolean value) {
      if (value) {
        return finding(control, classification, Status.PASS, null, evidence(rule), null);
      }
      return failed(control, classification, falseMessage(rule), evidence(rule));
    }
    if (result instanceof RuleSignal.Skip skip) {
      return finding(
          control, classification, Status.NOT_APPLICABLE, skip.text(), evidence(rule), null);
    }
    if (result instanceof RuleSignal.Fail fail) {
      return failed(control, classification, fail.text(), evidence(rule));
    }
    return finding(
        control,
        classification,
        Status.ERROR,
        "the rule gave " + describe(result) + ", not true, false, skip() or fail()",
        evidence(rule),
        null);
  }

  private Finding failed(
      Control control,
      Classification classification,
      String message,
      Map<String, JsonNode> evidence) {
    Waivers waivers = config.waivers();
    if (!waivers.waivers().isEmpty()) {
      Optional<Waivers.Waiver> waiver = waivers.find(control.id(), resource.id(), today);
      if (waiver.isPresent()) {
        Waivers.Waiver found = waiver.get();
        boolean lapsed = found.lapsed(today);
        Finding.WaiverRef ref =
            new Finding.WaiverRef(
                found.id(),
                found.approver(),
                found.ticket(),
                found.expires().toString(),
                lapsed,
                found.reason());
        if (lapsed) {
          return finding(
              control,
              classification,
              Status.FAIL,
              message + "; waiver " + found.id() + " lapsed on " + found.expires(),
              evidence,
              ref);
        }
        return finding(control, classification, Status.WAIVED, message, evidence, ref);
      }
    }
    return finding(control, classification, Status.FAIL, message, evidence, null);
  }

  private Finding finding(
      Control control,
      Classification classification,
      Status status,
      String message,
      Map<String, JsonNode> evidence,
      Finding.WaiverRef waiver) {
    return new Finding(
        control.id(),
        status,
        control.severity(),
        control.phase(),
        resource.provider(),
        resource.account(),
        resource.region(),
        resource.type(),
        resource.id(),
        resource.name(),
        classification,
        message,
        evidence,
        waiver);
  }

  private Map<String, JsonNode> evidence(CompiledRule rule) {
    List<JsonPointer> pointers = rule.attributePointers();
    if (pointers.isEmpty()) {
      return Map.of();
    }
    ObjectNode attributes = resource.attributes();
    List<String> paths = rule.attributePaths();
    String[] keys = null;
    JsonNode[] values = null;
    int size = 0;
    for (int i = 0; i < pointers.size(); i++) {
      JsonNode value = attributes.at(pointers.get(i));
      if (!value.isMissingNode()) {
        if (keys == null) {
          keys = new String[pointers.size()];
          values = new JsonNode[pointers.size()];
        }
        keys[size] = paths.get(i);
        values[size] = value;
        size++;
      }
    }
    return size == 0 ? Map.of() : new Evidence(keys, values, size);
  }

  // ---- messages

  private String falseMessage(CompiledRule rule) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < rule.attributePaths().size(); i++) {
      String path = rule.attributePaths().get(i);
      JsonNode value = resource.attributes().at(rule.attributePointers().get(i));
      parts.add(value.isMissingNode() ? path + " absent" : path + "=" + show(value));
    }
    for (String field : rule.resourceFields()) {
      Object value = CelValues.at(resourceValue, field);
      parts.add(field + "=" + (value == null ? "absent" : describe(value)));
    }
    List<String> limits = new ArrayList<>();
    for (String path : rule.settingsPaths()) {
      Object value = CelValues.at(settings.celValue(), path);
      limits.add("settings." + path + "=" + (value == null ? "absent" : describe(value)));
    }
    if (parts.isEmpty() && limits.isEmpty()) {
      return "the rule is false";
    }
    String message = String.join(", ", parts);
    if (!limits.isEmpty()) {
      message =
          message.isEmpty()
              ? String.join(", ", limits)
              : message + " (" + String.join(", ", limits) + ")";
    }
    return message;
  }

  private String errorMessage(CompiledRule rule, Exception e) {
    String celMessage = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    celMessage = EVALUATION_ERROR_AT.matcher(celMessage).replaceFirst("");
    List<String> unknown = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (String path : missingPaths(rule, celMessage)) {
      (knownAfterApply(path) ? unknown : absent).add(path);
    }
    if (!unknown.isEmpty()) {
      return String.join(", ", unknown)
          + (unknown.size() == 1 ? " is" : " are")
          + " known after apply";
    }
    if (!absent.isEmpty()) {
      return String.join(", ", absent)
          + (absent.size() == 1 ? " is" : " are")
          + (fromPlan()
              ? " not in the plan, and only a live scan can tell ("
              : " absent: the source did not report " + (absent.size() == 1 ? "it" : "them") + " (")
          + celMessage
          + ")";
    }
    return "the rule could not be evaluated: " + celMessage;
  }

  /**
   * The message of a plan resource whose rule failed only for want of attributes that no plan
   * carries ({@code x-lcscan.liveOnly}): the control is for the live scan after deployment, so the
   * plan scan neither passes nor errs on it. Null when anything else is missing.
   */
  private String liveOnlyMessage(CompiledRule rule, Exception e) {
    if (!fromPlan()) {
      return null;
    }
    ResourceTypeSchema type = config.catalog().types().get(resource.type());
    if (type == null || type.liveOnly().isEmpty()) {
      return null;
    }
    List<String> absent = missingPaths(rule, e.getMessage() == null ? "" : e.getMessage());
    if (absent.isEmpty()) {
      return null;
    }
    for (String path : absent) {
      if (knownAfterApply(path) || !type.isLiveOnly(path)) {
        return null;
      }
    }
    return "live scan only: "
        + String.join(", ", absent)
        + (absent.size() == 1 ? " is" : " are")
        + " reported by the running service, never by a plan";
  }

  /**
   * The attribute paths the rule reads that the resource lacks; when CEL names the missing key,
   * only the paths through it.
   */
  private List<String> missingPaths(CompiledRule rule, String celMessage) {
    Matcher matcher = MISSING_KEY.matcher(celMessage);
    String missingKey = matcher.find() ? matcher.group(1) : null;
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < rule.attributePaths().size(); i++) {
      String path = rule.attributePaths().get(i);
      if (resource.attributes().at(rule.attributePointers().get(i)).isMissingNode()
          && (missingKey == null || mentions(path, missingKey))) {
        missing.add(path);
      }
    }
    return missing;
  }

  private boolean fromPlan() {
    return resource.source() != null && ResourceSource.PLAN.equals(resource.source().kind());
  }

  private static boolean mentions(String path, String key) {
    for (String segment : path.split("\\.")) {
      if (segment.equals(key)) {
        return true;
      }
    }
    return false;
  }

  private boolean knownAfterApply(String path) {
    for (String unknown : resource.unknownAttributes()) {
      if (path.equals(unknown)
          || path.startsWith(unknown + ".")
          || unknown.startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  private static String gapMessage(CoverageGap gap) {
    return gap.resourceType()
        + " was not collected in "
        + gap.provider()
        + " account "
        + (gap.account().isEmpty() ? "*" : gap.account())
        + " region "
        + gap.region()
        + ": "
        + gap.reason()
        + (gap.detail() == null || gap.detail().isBlank() ? "" : " (" + gap.detail() + ")");
  }

  private static String show(JsonNode value) {
    String text = value.isTextual() ? value.textValue() : value.toString();
    return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "..." : text;
  }

  private static String describe(Object value) {
    String text;
    if (value instanceof RuleSignal signal) {
      text =
          signal.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "('" + signal.text() + "')";
    } else if (value instanceof NullValue) {
      text = "null";
    } else {
      text = String.valueOf(value);
    }
    return text.length() > MAX_VALUE_LENGTH ? text.substring(0, MAX_VALUE_LENGTH) + "..." : text;
  }

  // ---- manual controls and gaps

  private void manualFindings(
      Control control,
      Map<String, List<CoverageGap>> gapsByType,
      int[] order,
      List<Finding> findings) {
    Attestations attestations = config.attestations();
    String attach = String.join("; ", control.evidenceToAttach().getOrDefault("en", List.of()));
    String manualMessage =
        attach.isEmpty()
            ? "manual check: an auditor attests this control"
            : "manual check: attach " + attach;
    if (!control.manualTypes().isEmpty()) {
      for (int i : ofTypes(control.manualTypes(), order)) {
        Resource candidate = resources.get(i);
        if (deleteOnly(candidate)) {
          continue;
        }
        select(i);
        if (control.minClassification() != null
            && !classification.atLeast(control.minClassification())) {
          findings.add(
              finding(
                  control,
                  classification,
                  Status.NOT_APPLICABLE,
                  "classification " + classification + " is below " + control.minClassification(),
                  Map.of(),
                  null));
          continue;
        }
        CoverageGap gap = coveringGap(gapsByType, candidate);
        if (gap != null) {
          findings.add(
              finding(control, classification, Status.ERROR, gapMessage(gap), Map.of(), null));
          continue;
        }
        Optional<Attestations.Attestation> attestation =
            attestations.find(control.id(), candidate.account(), candidate.id(), today);
        Finding manual =
            finding(control, classification, Status.MANUAL, manualMessage, Map.of(), null);
        findings.add(attested(manual, attestation));
      }
      return;
    }
    for (List<String> account : accounts()) {
      Finding manual =
          new Finding(
              control.id(),
              Status.MANUAL,
              control.severity(),
              control.phase(),
              account.get(0),
              account.get(1),
              null,
              null,
              null,
              null,
              null,
              manualMessage,
              Map.of(),
              null);
      findings.add(attested(manual, attestations.find(control.id(), account.get(1), null, today)));
    }
  }

  /** Indices, in {@code order}, of the resources of the given types. */
  private List<Integer> ofTypes(List<String> types, int[] order) {
    if (orderedByType == null) {
      orderedByType = new HashMap<>();
      for (int i : order) {
        orderedByType.computeIfAbsent(resources.get(i).type(), type -> new ArrayList<>()).add(i);
      }
    }
    if (types.size() == 1) {
      return orderedByType.getOrDefault(types.get(0), List.of());
    }
    // merge the per-type lists back into finding order
    int[] position = new int[resources.size()];
    for (int p = 0; p < order.length; p++) {
      position[order[p]] = p;
    }
    List<Integer> indices = new ArrayList<>();
    for (String type : new java.util.LinkedHashSet<>(types)) {
      indices.addAll(orderedByType.getOrDefault(type, List.of()));
    }
    indices.sort(java.util.Comparator.comparingInt(index -> position[index]));
    return indices;
  }

  /** The scanned (provider, account) pairs, sorted; {@code (*, *)} when there are none. */
  private List<List<String>> accounts() {
    if (accounts == null) {
      Set<String> seen = new HashSet<>();
      List<List<String>> pairs = new ArrayList<>();
      Resource previous = null;
      for (int i : resourceOrder()) {
        Resource candidate = resources.get(i);
        // in finding order, resources of one account are adjacent
        if (previous != null
            && previous.provider().equals(candidate.provider())
            && previous.account().equals(candidate.account())) {
          continue;
        }
        previous = candidate;
        if (seen.add(candidate.provider() + "\u0000" + candidate.account())) {
          pairs.add(List.of(candidate.provider(), candidate.account()));
        }
      }
      for (CoverageGap gap : inventory.gaps()) {
        if (!gap.account().isEmpty() && seen.add(gap.provider() + "\u0000" + gap.account())) {
          pairs.add(List.of(gap.provider(), gap.account()));
        }
      }
      if (pairs.isEmpty()) {
        pairs.add(List.of("*", "*"));
      }
      pairs.sort(
          java.util.Comparator.<List<String>, String>comparing(pair -> pair.get(0))
              .thenComparing(pair -> pair.get(1)));
      accounts = pairs;
    }
    return accounts;
  }

  private Finding attested(Finding manual, Optional<Attestations.Attestation> attestation) {
    if (attestation.isEmpty()) {
      return manual;
    }
    Attestations.Attestation found = attestation.get();
    boolean lapsed = found.lapsed(today);
    String message =
        lapsed
            ? "attestation "
                + found.reference()
                + " by "
                + found.attestedBy()
                + " lapsed on "
                + found.expires()
            : "attested: "
                + found.reference()
                + " by "
                + found.attestedBy()
                + " on "
                + found.date()
                + ", valid until "
                + found.expires();
    return new Finding(
        manual.controlId(),
        lapsed ? Status.FAIL : Status.PASS,
        manual.severity(),
        manual.phase(),
        manual.provider(),
        manual.account(),
        manual.region(),
        manual.resourceType(),
        manual.resourceId(),
        manual.resourceName(),
        manual.classification(),
        message,
        manual.evidence(),
        null);
  }

  private Finding gapFinding(Control control, CoverageGap gap) {
    return new Finding(
        control.id(),
        Status.ERROR,
        control.severity(),
        control.phase(),
        gap.provider(),
        gap.account().isEmpty() ? "*" : gap.account(),
        gap.region(),
        gap.resourceType(),
        "*",
        null,
        null,
        gapMessage(gap),
        Map.of(),
        null);
  }

  // ---- CEL values

  private Map<String, Object> celValue(int index) {
    @SuppressWarnings("unchecked")
    Map<String, Object> value = (Map<String, Object>) celValues[index];
    if (value == null) {
      value = toCel(index);
      celValues[index] = value;
    }
    return value;
  }

  private Classification classificationOf(int index) {
    Classification value = classifications[index];
    if (value == null) {
      value = classification(resources.get(index));
      classifications[index] = value;
    }
    return value;
  }

  private Map<String, Object> toCel(int index) {
    return ResourceValue.of(resources.get(index), classificationOf(index));
  }

  // ---- CelVariableResolver

  @Override
  public Optional<Object> find(String name) {
    switch (name) {
      case "resource":
        return resourceOptional;
      case "settings":
        return settingsValue;
      case "now":
        return nowValue;
      default:
        return Optional.empty();
    }
  }

  // ---- CelFunctionResolver

  @Override
  public Optional<CelResolvedOverload> findOverloadMatchingArgs(
      String functionName, Collection<String> overloadIds, Object[] args) {
    return findOverloadMatchingArgs(functionName, args);
  }

  @Override
  public Optional<CelResolvedOverload> findOverloadMatchingArgs(
      String functionName, Object[] args) {
    switch (functionName) {
      case RuleCompiler.DAYS_SINCE:
        return daysSince;
      case RuleCompiler.DAYS_UNTIL:
        return daysUntil;
      case RuleCompiler.TAG_OF:
        return tagOf;
      case RuleCompiler.IN_DISPOSAL:
        return inDisposal;
      case RuleCompiler.RESOURCES:
        return resourcesOf;
      case RuleCompiler.RESOURCE_EXISTS:
        return resourceExists;
      case RuleCompiler.APPROVAL:
        return approval;
      case RuleCompiler.WEAKENING:
        return weakening;
      case RuleCompiler.RESOURCE_BY_ID:
        return resourceById;
      default:
        return Optional.empty();
    }
  }

  private static String text(Object value, String function) throws CelEvaluationException {
    if (value instanceof String text) {
      return text;
    }
    throw new CelEvaluationException(function + "() needs a string, got " + describe(value));
  }

  private Object days(Object value, boolean since) throws CelEvaluationException {
    String function = since ? "daysSince" : "daysUntil";
    String text = text(value, function);
    Instant time = parsedTimes.get(text);
    try {
      if (time == null) {
        time = parseTime(text);
        parsedTimes.put(text, time);
      }
    } catch (DateTimeParseException e) {
      throw new CelEvaluationException(
          function + "('" + text + "'): not an RFC 3339 time or a date");
    }
    long days = (since ? Duration.between(time, now) : Duration.between(now, time)).toDays();
    return days;
  }

  static Instant parseTime(String text) {
    String trimmed = text.trim();
    if (trimmed.length() == 10) {
      return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    try {
      return Instant.parse(trimmed);
    } catch (DateTimeParseException e) {
      return OffsetDateTime.parse(trimmed).toInstant();
    }
  }

  private String tagOf(String role) throws CelEvaluationException {
    String key = settings.tagKey(role);
    if (key == null) {
      throw new CelEvaluationException(
          "tagOf('"
              + role
              + "'): unknown tag role (one of "
              + String.join(", ", Settings.TAG_ROLES)
              + ")");
    }
    Object value = ((Map<?, ?>) resourceValue.get("tags")).get(key);
    return value == null ? "" : value.toString();
  }

  private boolean inDisposal() throws CelEvaluationException {
    return tagOf("phase").trim().equalsIgnoreCase("dispose")
        && !tagOf("disposalApproval").isBlank();
  }

  /**
   * The resources of a type in the provider and account of the resource under evaluation, in
   * finding order (so that messages naming the first of them do not depend on inventory order).
   * Built once per (provider, account, type) and pass; resources planned only for deletion are left
   * out, as they will not exist after apply.
   */
  private List<Object> resources(String type) {
    if (byScopeAndType == null) {
      byScopeAndType = new HashMap<>();
      for (int i : resourceOrder()) {
        Resource candidate = resources.get(i);
        if (deleteOnly[i]) {
          continue;
        }
        byScopeAndType
            .computeIfAbsent(
                scopeKey(candidate.provider(), candidate.account(), candidate.type()),
                k -> new ArrayList<>())
            .add(i);
      }
    }
    if (scopeLookups == null
        || !resource.provider().equals(lookupProvider)
        || !resource.account().equals(lookupAccount)) {
      lookupProvider = resource.provider();
      lookupAccount = resource.account();
      scopeLookups =
          lookups.computeIfAbsent(lookupProvider + "\u0000" + lookupAccount, k -> new HashMap<>());
    }
    List<Object> cached = scopeLookups.get(type);
    if (cached == null) {
      List<Object> values = new ArrayList<>();
      for (int index :
          byScopeAndType.getOrDefault(
              scopeKey(resource.provider(), resource.account(), type), List.of())) {
        values.add(celValue(index));
      }
      cached = new CelList(values);
      scopeLookups.put(type, cached);
    }
    return cached;
  }

  private static String scopeKey(String provider, String account, String type) {
    return provider + "\u0000" + account + "\u0000" + type;
  }

  private boolean resourceExists(String id) {
    if (ids == null) {
      ids = new HashSet<>();
      for (Resource candidate : resources) {
        if (!deleteOnly(candidate)) {
          ids.add(candidate.id());
        }
      }
    }
    return ids.contains(id);
  }

  /**
   * The resource with that id anywhere in the inventory, or {@code {}}. The first in finding order
   * wins when ids repeat. Resources planned for deletion are included, with their {@code change}.
   */
  private Map<String, Object> resourceById(String id) {
    if (byId == null) {
      Map<String, Integer> index = new HashMap<>(resources.size() * 2);
      for (int i : resourceOrder()) {
        index.putIfAbsent(resources.get(i).id(), i);
      }
      byId = index;
    }
    Integer found = byId.get(id);
    return found == null ? EMPTY : celValue(found);
  }

  private static final CelMap EMPTY = new CelMap(Map.of());

  static boolean deleteOnly(Resource candidate) {
    return candidate.change() != null && candidate.change().deleteOnly();
  }

  private Map<String, Object> approval() throws CelEvaluationException {
    if (resource.region().equals(Weakening.UNKNOWN_REGION)) {
      throw RuleError.raise(UNKNOWN_REGION_MESSAGE);
    }
    if (approvalOfResource != null) {
      return approvalOfResource;
    }
    approvalOfResource = approvalOf();
    return approvalOfResource;
  }

  private Map<String, Object> approvalOf() {
    String key = resource.type() + "\u0000" + resource.region();
    Map<String, Object> cached = approvals.get(key);
    if (cached == null) {
      ApprovedServices.Approval found =
          config
              .approvedServices()
              .lookup(resource.type(), resource.region(), settings.globalRegions(), today);
      ApprovedServices.Entry entry = found.entry();
      Map<String, Object> value = new HashMap<>();
      value.put("status", found.status().label());
      value.put("id", entry == null ? "" : entry.id());
      value.put("reference", entry == null ? "" : entry.approvalReference());
      value.put("approver", entry == null ? "" : entry.approver());
      value.put("expires", entry == null ? "" : entry.expires().toString());
      value.put("ismap", entry != null && entry.ismapListed());
      cached = new CelMap(value);
      approvals.put(key, cached);
    }
    return cached;
  }
}
