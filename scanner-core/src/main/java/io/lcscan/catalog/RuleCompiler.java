package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelBindingsExtensions;
import dev.cel.extensions.CelExtensions;
import dev.cel.optimizer.CelOptimizationException;
import dev.cel.optimizer.CelOptimizer;
import dev.cel.optimizer.CelOptimizerFactory;
import dev.cel.optimizer.optimizers.SubexpressionOptimizer;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.Program;
import dev.cel.runtime.RuntimeEquality;
import dev.cel.runtime.RuntimeHelpers;
import dev.cel.runtime.standard.AddOperator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The CEL environment of the catalog (docs/catalog-format.md, "Rules"): compiles a rule, checks the
 * attribute paths it reads against the type schemas, and plans it on the planner runtime.
 *
 * <p>Functions that need the resource or inventory under evaluation are late-bound: the engine
 * supplies them for each evaluation through a function resolver, so one compiled program serves
 * every resource and every scan.
 */
public final class RuleCompiler {
  public static final String SKIP = "skip";
  public static final String FAIL = "fail";
  public static final String DAYS_SINCE = "daysSince";
  public static final String DAYS_UNTIL = "daysUntil";
  public static final String TAG_OF = "tagOf";
  public static final String IN_DISPOSAL = "inDisposal";
  public static final String RESOURCES = "resources";
  public static final String RESOURCE_EXISTS = "resourceExists";
  public static final String APPROVAL = "approval";
  public static final String WEAKENING = "weakening";
  public static final String RESOURCE_BY_ID = "resourceById";
  public static final String ERROR = "error";

  /** Functions the engine binds per evaluation. */
  public static final List<String> LATE_BOUND =
      List.of(
          DAYS_SINCE,
          DAYS_UNTIL,
          TAG_OF,
          IN_DISPOSAL,
          RESOURCES,
          RESOURCE_EXISTS,
          APPROVAL,
          WEAKENING,
          RESOURCE_BY_ID);

  /** The fields of {@code resource.change.before}. */
  private static final Set<String> PRIOR_FIELDS = Set.of("region", "tags", "attributes");

  public static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .comprehensionMaxIterations(100_000)
          .populateMacroCalls(true)
          .build();

  private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.DYN);

  private final Map<String, ResourceTypeSchema> types;
  private final PrecompiledRules precompiled;
  // built on the first rule that has to be compiled: a catalog taken from the build's compiled
  // rules needs neither (BENCHMARKS.md, "Terraform plan scan: startup")
  private CelCompiler compiler;
  private CelOptimizer optimizer;

  /** A compiler that compiles every rule. */
  public RuleCompiler(Map<String, ResourceTypeSchema> types) {
    this(types, PrecompiledRules.none());
  }

  /**
   * A compiler that takes a rule from {@code precompiled} when it holds the same rule (its caller
   * checked that it was compiled from this very catalog), and compiles it otherwise.
   */
  public RuleCompiler(Map<String, ResourceTypeSchema> types, PrecompiledRules precompiled) {
    this.types = Map.copyOf(requireNonNull(types, "types is null"));
    this.precompiled = requireNonNull(precompiled, "precompiled is null");
  }

  private static CelCompiler newCompiler() {
    return CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.lists())
        // cel.bind is BindMacro; the optimizer's cel.@block is declared as the bindings
        // extension declares it
        .addMacros(BindMacro.MACRO)
        .addFunctionDeclarations(CelBindingsExtensions.CEL_BLOCK_FUNCTION_DECL)
        .addVar("resource", STRING_MAP)
        .addVar("settings", STRING_MAP)
        .addVar("now", SimpleType.TIMESTAMP)
        .addFunctionDeclarations(
            function(SKIP, "lcscan_skip_string", SimpleType.DYN, SimpleType.STRING),
            function(FAIL, "lcscan_fail_string", SimpleType.DYN, SimpleType.STRING),
            function(DAYS_SINCE, "lcscan_daysSince_string", SimpleType.INT, SimpleType.STRING),
            function(DAYS_UNTIL, "lcscan_daysUntil_string", SimpleType.INT, SimpleType.STRING),
            function(TAG_OF, "lcscan_tagOf_string", SimpleType.STRING, SimpleType.STRING),
            function(IN_DISPOSAL, "lcscan_inDisposal", SimpleType.BOOL),
            function(
                RESOURCES,
                "lcscan_resources_string",
                ListType.create(SimpleType.DYN),
                SimpleType.STRING),
            function(
                RESOURCE_EXISTS,
                "lcscan_resourceExists_string",
                SimpleType.BOOL,
                SimpleType.STRING),
            function(APPROVAL, "lcscan_approval", STRING_MAP),
            function(WEAKENING, "lcscan_weakening", SimpleType.STRING),
            function(RESOURCE_BY_ID, "lcscan_resourceById_string", STRING_MAP, SimpleType.STRING),
            function(ERROR, "lcscan_error_string", SimpleType.DYN, SimpleType.STRING),
            function(BindMacro.HOLD, BindMacro.HOLD, SimpleType.DYN, SimpleType.DYN),
            function(BindMacro.HELD, BindMacro.HELD, SimpleType.DYN, SimpleType.DYN))
        .build();
  }

  /**
   * The planner runtime the bundled store's rules run on ({@link PrecompiledRules#runtime()}): with
   * only the functions they call when the store lists them, else {@link #fullRuntime()}. It is
   * immutable and thread-safe, so one instance serves the process.
   */
  public static CelRuntime runtime() {
    return PrecompiledRules.bundled().runtime();
  }

  /**
   * The planner runtime with every function a rule may call: rules compiled at load run on it. It
   * is immutable and thread-safe, so one instance serves the process.
   */
  static CelRuntime fullRuntime() {
    return RuntimeHolder.RUNTIME;
  }

  private static final class RuntimeHolder {
    static final CelRuntime RUNTIME = newRuntime(null);
  }

  /** The extension library a rule needs for the sets functions ({@code sets.contains}, ...). */
  static final String SETS_LIBRARY = "sets";

  private static final String SETS_PREFIX = "sets.";

  /**
   * A planner runtime with the standard functions named in {@code needs} (names of {@link
   * CelStandardFunctions.StandardFunction}) and the sets extension when {@code needs} holds {@link
   * #SETS_LIBRARY}; with everything when {@code needs} is null. The strings and lists extensions
   * and lcscan's own functions are always there: they cost little to bind.
   */
  static CelRuntime newRuntime(Set<String> needs) {
    CelStandardFunctions.Builder standard =
        CelStandardFunctions.newBuilder()
            .excludeFunctions(CelStandardFunctions.StandardFunction.ADD);
    if (needs != null) {
      List<CelStandardFunctions.StandardFunction> included = new ArrayList<>();
      for (CelStandardFunctions.StandardFunction function :
          CelStandardFunctions.StandardFunction.values()) {
        if (function != CelStandardFunctions.StandardFunction.ADD
            && needs.contains(function.name())) {
          included.add(function);
        }
      }
      // an empty include list would mean every function
      standard =
          included.isEmpty()
              ? CelStandardFunctions.newBuilder().filterFunctions((function, overload) -> false)
              : CelStandardFunctions.newBuilder().includeFunctions(included);
    }
    dev.cel.runtime.CelRuntimeBuilder builder =
        CelRuntimeFactory.plannerRuntimeBuilder()
            .setOptions(OPTIONS)
            .setStandardFunctions(standard.build())
            .addFunctionBindings(addFunction())
            .addLibraries(CelExtensions.strings(), CelExtensions.lists());
    if (needs == null || needs.contains(SETS_LIBRARY)) {
      // its constructor loads protobuf's descriptors, a good part of building the runtime
      builder.addLibraries(CelExtensions.sets(OPTIONS));
    }
    return builder
        .addFunctionBindings(
            CelFunctionBinding.from(
                "lcscan_skip_string", String.class, reason -> new RuleSignal.Skip(reason)),
            CelFunctionBinding.from(
                "lcscan_fail_string", String.class, message -> new RuleSignal.Fail(message)),
            CelFunctionBinding.from(BindMacro.HOLD, Object.class, BindMacro::hold),
            CelFunctionBinding.from(BindMacro.HELD, Object.class, BindMacro::held),
            CelFunctionBinding.from(
                "lcscan_error_string",
                String.class,
                message -> {
                  throw RuleError.raise(message);
                }))
        .addLateBoundFunctions(LATE_BOUND)
        .build();
  }

  /**
   * What {@link #newRuntime(Set)} must bind to plan and evaluate {@code asts}: every standard
   * function (but {@code _+_}, always bound) with an overload or name the ASTs call, and {@link
   * #SETS_LIBRARY} when they call a sets function. A function is taken with all its overloads, so
   * that a call on {@code dyn} operands finds the same candidates as on the full runtime.
   */
  static Set<String> needs(Iterable<CelAbstractSyntaxTree> asts) {
    Set<String> called = new HashSet<>();
    for (CelAbstractSyntaxTree ast : asts) {
      ast.getReferenceMap().values().forEach(reference -> called.addAll(reference.overloadIds()));
      collectCalls(ast.getExpr(), called);
    }
    Set<String> needs = new TreeSet<>();
    RuntimeEquality equality = RuntimeEquality.create(RuntimeHelpers.create(), OPTIONS);
    for (CelStandardFunctions.StandardFunction function :
        CelStandardFunctions.StandardFunction.values()) {
      if (function == CelStandardFunctions.StandardFunction.ADD) {
        continue;
      }
      for (CelFunctionBinding binding :
          CelStandardFunctions.newBuilder()
              .includeFunctions(function)
              .build()
              .newFunctionBindings(equality, OPTIONS)) {
        if (called.contains(binding.getOverloadId())) {
          needs.add(function.name());
          break;
        }
      }
    }
    for (String name : called) {
      if (name.startsWith(SETS_PREFIX) || name.contains("_sets_")) {
        needs.add(SETS_LIBRARY);
      }
    }
    return needs;
  }

  private static void collectCalls(CelExpr expr, Set<String> called) {
    switch (expr.exprKind().getKind()) {
      case SELECT -> collectCalls(expr.select().operand(), called);
      case CALL -> {
        called.add(expr.call().function());
        expr.call().target().ifPresent(target -> collectCalls(target, called));
        expr.call().args().forEach(arg -> collectCalls(arg, called));
      }
      case LIST -> expr.list().elements().forEach(element -> collectCalls(element, called));
      case MAP ->
          expr.map()
              .entries()
              .forEach(
                  entry -> {
                    collectCalls(entry.key(), called);
                    collectCalls(entry.value(), called);
                  });
      case STRUCT -> expr.struct().entries().forEach(entry -> collectCalls(entry.value(), called));
      case COMPREHENSION -> {
        CelExpr.CelComprehension comprehension = expr.comprehension();
        collectCalls(comprehension.iterRange(), called);
        collectCalls(comprehension.accuInit(), called);
        collectCalls(comprehension.loopCondition(), called);
        collectCalls(comprehension.loopStep(), called);
        collectCalls(comprehension.result(), called);
      }
      default -> {}
    }
  }

  private synchronized CelCompiler compiler() {
    if (compiler == null) {
      compiler = newCompiler();
      // Common subexpression elimination: rules repeat approval(), resources(...) lookups and
      // attribute reads across their ternary branches; cel.@block evaluates each once.
      optimizer =
          CelOptimizerFactory.standardCelOptimizerBuilder(compiler, fullRuntime())
              .addAstOptimizers(
                  SubexpressionOptimizer.newInstance(
                      SubexpressionOptimizer.SubexpressionOptimizerOptions.newBuilder()
                          .populateMacroCalls(true)
                          .addEliminableFunctions(LATE_BOUND)
                          .build()))
              .build();
    }
    return compiler;
  }

  /**
   * {@code _+_} with the standard overloads, except that lists are concatenated by {@link
   * CelList#concat}, without the planner's quadratic copies in {@code filter} and {@code map}. The
   * overloads are grouped under the function name so that operands typed {@code dyn} find them.
   */
  private static java.util.Set<CelFunctionBinding> addFunction() {
    RuntimeEquality equality = RuntimeEquality.create(RuntimeHelpers.create(), OPTIONS);
    List<CelFunctionBinding> overloads = new ArrayList<>();
    for (AddOperator.AddOverload overload : AddOperator.AddOverload.values()) {
      if (overload != AddOperator.AddOverload.ADD_LIST) {
        overloads.add(overload.newFunctionBinding(OPTIONS, equality));
      }
    }
    overloads.add(CelFunctionBinding.from("add_list", List.class, List.class, CelList::concat));
    return CelFunctionBinding.fromOverloads("_+_", overloads);
  }

  private static CelFunctionDecl function(
      String name, String overloadId, CelType result, CelType... parameters) {
    return CelFunctionDecl.newFunctionDeclaration(
        name, CelOverloadDecl.newGlobalOverload(overloadId, result, parameters));
  }

  /** The outcome of compiling one rule: the rule when it could be planned, and every problem. */
  public record Compilation(Optional<CompiledRule> rule, List<String> problems) {
    public Compilation {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Compiles a rule. Problems are one line each, without file or line; the rule is present when it
   * parsed, type-checked and was planned (it may still have schema problems).
   */
  public Compilation compile(String controlId, String resourceType, String source) {
    requireNonNull(controlId, "controlId is null");
    requireNonNull(resourceType, "resourceType is null");
    if (source == null || source.isBlank()) {
      return new Compilation(Optional.empty(), List.of("rule for " + resourceType + " is empty"));
    }
    Optional<CompiledRule> stored = precompiled.rule(controlId, resourceType, source);
    if (stored.isPresent()) {
      return new Compilation(stored, List.of());
    }
    CelCompiler celCompiler = compiler();
    CelValidationResult parsed = celCompiler.parse(source, controlId + "/" + resourceType);
    if (parsed.hasError()) {
      return new Compilation(
          Optional.empty(),
          List.of("rule for " + resourceType + ": CEL syntax error: " + issues(parsed)));
    }
    CelAbstractSyntaxTree ast;
    try {
      CelValidationResult checked = celCompiler.check(parsed.getAst());
      if (checked.hasError()) {
        return new Compilation(
            Optional.empty(),
            List.of("rule for " + resourceType + ": CEL type error: " + issues(checked)));
      }
      ast = checked.getAst();
    } catch (Exception e) {
      return new Compilation(
          Optional.empty(),
          List.of("rule for " + resourceType + ": CEL type error: " + oneLine(e.getMessage())));
    }
    List<String> problems = new ArrayList<>();
    CelType resultType = ast.getResultType();
    if (resultType.kind() != CelKind.BOOL && resultType.kind() != CelKind.DYN) {
      problems.add(
          "rule for "
              + resourceType
              + " gives "
              + resultType.name()
              + ", not bool (or skip()/fail())");
    }
    Reads reads = new Reads(resourceType);
    reads.walk(ast.getExpr(), Map.of());
    problems.addAll(reads.problems);
    CelAbstractSyntaxTree planned = ast;
    try {
      planned = optimizer().optimize(ast);
    } catch (CelOptimizationException | RuntimeException e) {
      // The rule still runs, unoptimized.
    }
    Program program;
    try {
      program = fullRuntime().createProgram(planned);
    } catch (Exception e) {
      problems.add("rule for " + resourceType + ": cannot plan: " + oneLine(e.getMessage()));
      return new Compilation(Optional.empty(), problems);
    }
    CompiledRule rule =
        new CompiledRule(
            controlId,
            resourceType,
            source,
            program,
            List.copyOf(reads.attributePaths),
            List.copyOf(reads.resourceFields),
            List.copyOf(reads.settingsPaths),
            reads.lookupTypes,
            reads.readsChange,
            planned);
    return new Compilation(Optional.of(rule), problems);
  }

  private synchronized CelOptimizer optimizer() {
    compiler();
    return optimizer;
  }

  private static String issues(CelValidationResult result) {
    List<String> messages = new ArrayList<>();
    for (CelIssue issue : result.getErrors()) {
      String location =
          issue.getSourceLocation().getLine() > 0
              ? "line "
                  + issue.getSourceLocation().getLine()
                  + " column "
                  + (issue.getSourceLocation().getColumn() + 1)
                  + ": "
              : "";
      messages.add(location + oneLine(issue.getMessage()));
    }
    return String.join("; ", messages);
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /** What a rule reads, found by walking its checked AST. */
  private final class Reads {
    private final String resourceType;
    private final Set<String> attributePaths = new TreeSet<>();
    private final Set<String> resourceFields = new TreeSet<>();
    private final Set<String> settingsPaths = new TreeSet<>();
    private final Set<String> lookupTypes = new TreeSet<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private boolean readsChange;

    Reads(String resourceType) {
      this.resourceType = resourceType;
    }

    /**
     * What an iteration variable stands for: a resource of {@code type} (over {@code
     * resources(type)}), an item of the attribute array at {@code prefix}, or nothing known.
     */
    private record Binding(String type, List<String> prefix, boolean resource) {}

    private static final Binding OPAQUE = new Binding(null, List.of(), false);

    void walk(CelExpr expr, Map<String, Binding> scope) {
      Chain chain = chain(expr);
      if (chain != null && !chain.segments.isEmpty()) {
        read(chain, scope);
        return;
      }
      switch (expr.exprKind().getKind()) {
        case SELECT -> walk(expr.select().operand(), scope);
        case CALL -> {
          CelExpr.CelCall call = expr.call();
          if (call.function().equals(WEAKENING)) {
            readsChange = true;
          }
          if (call.function().equals(RESOURCES) && call.args().size() == 1) {
            constantString(call.args().get(0))
                .ifPresent(
                    type -> {
                      if (!types.isEmpty() && !types.containsKey(type)) {
                        problems.add(
                            "rule for "
                                + resourceType
                                + " calls resources('"
                                + type
                                + "'): unknown resource type (no config/types/"
                                + type
                                + ".json)");
                      }
                      lookupTypes.add(type);
                    });
          }
          call.target().ifPresent(target -> walk(target, scope));
          for (CelExpr arg : call.args()) {
            walk(arg, scope);
          }
        }
        case LIST -> expr.list().elements().forEach(element -> walk(element, scope));
        case MAP ->
            expr.map()
                .entries()
                .forEach(
                    entry -> {
                      walk(entry.key(), scope);
                      walk(entry.value(), scope);
                    });
        case STRUCT -> expr.struct().entries().forEach(entry -> walk(entry.value(), scope));
        case COMPREHENSION -> {
          CelExpr.CelComprehension comprehension = expr.comprehension();
          walk(comprehension.iterRange(), scope);
          walk(comprehension.accuInit(), scope);
          Map<String, Binding> inner = new HashMap<>(scope);
          inner.put(comprehension.iterVar(), binding(comprehension.iterRange(), scope));
          if (!comprehension.iterVar2().isEmpty()) {
            inner.put(comprehension.iterVar2(), OPAQUE);
          }
          inner.put(comprehension.accuVar(), OPAQUE);
          walk(comprehension.loopCondition(), inner);
          walk(comprehension.loopStep(), inner);
          walk(comprehension.result(), inner);
        }
        default -> {}
      }
    }

    private Binding binding(CelExpr range, Map<String, Binding> scope) {
      if (range.exprKind().getKind() == CelExpr.ExprKind.Kind.CALL
          && range.call().function().equals(RESOURCES)
          && range.call().args().size() == 1) {
        return constantString(range.call().args().get(0))
            .map(type -> new Binding(type, List.of(), true))
            .orElse(OPAQUE);
      }
      Chain chain = chain(range);
      if (chain == null) {
        return OPAQUE;
      }
      Binding outer = scope.get(chain.root);
      String type;
      List<String> path;
      if (outer != null) {
        if (outer.type == null) {
          return OPAQUE;
        }
        type = outer.type;
        if (outer.resource) {
          if (chain.segments.size() < 2 || !chain.segments.get(0).equals("attributes")) {
            return OPAQUE;
          }
          path = chain.segments.subList(1, chain.segments.size());
        } else {
          path = concat(outer.prefix, chain.segments);
        }
      } else if (chain.root.equals("resource")
          && chain.segments.size() > 1
          && chain.segments.get(0).equals("attributes")) {
        type = resourceType;
        path = chain.segments.subList(1, chain.segments.size());
      } else if (chain.root.equals("resource") && priorAttributes(chain.segments)) {
        type = resourceType;
        path = chain.segments.subList(3, chain.segments.size());
      } else {
        return OPAQUE;
      }
      ResourceTypeSchema schema = types.get(type);
      return schema != null && schema.isArray(path)
          ? new Binding(type, List.copyOf(path), false)
          : OPAQUE;
    }

    private void read(Chain chain, Map<String, Binding> scope) {
      Binding binding = scope.get(chain.root);
      List<String> segments = chain.segments;
      if (binding != null) {
        if (binding.type == null) {
          return;
        }
        if (binding.resource) {
          if (segments.size() > 1 && segments.get(0).equals("attributes")) {
            List<String> path = segments.subList(1, segments.size());
            check(
                binding.type,
                path,
                chain.root + ".attributes." + String.join(".", path),
                " (a resource of " + binding.type + ")");
          }
        } else {
          check(
              binding.type,
              concat(binding.prefix, segments),
              chain.root + "." + String.join(".", segments),
              " (an item of resource.attributes." + String.join(".", binding.prefix) + ")");
        }
        return;
      }
      switch (chain.root) {
        case "resource" -> {
          if (segments.get(0).equals("attributes")) {
            if (segments.size() > 1) {
              List<String> path = segments.subList(1, segments.size());
              String dotted = String.join(".", path);
              attributePaths.add(dotted);
              check(resourceType, path, "resource.attributes." + dotted, "");
            }
          } else if (segments.get(0).equals("change")) {
            readsChange = true;
            change(segments);
          } else {
            resourceFields.add(String.join(".", segments));
          }
        }
        case "settings" -> settingsPaths.add(String.join(".", segments));
        default -> {}
      }
    }

    /**
     * A read of {@code resource.change...}: {@code actions}, {@code before.region}, {@code
     * before.tags...} and {@code before.attributes.<path>}, which is checked against the schema of
     * the rule's type. Leaf reads are listed with the resource fields, for FAIL messages.
     */
    private void change(List<String> segments) {
      String dotted = String.join(".", segments);
      int size = segments.size();
      if (size == 1 || (size == 2 && segments.get(1).equals("before"))) {
        return;
      }
      if (size == 2 && segments.get(1).equals("actions")) {
        resourceFields.add(dotted);
        return;
      }
      if (segments.get(1).equals("before") && PRIOR_FIELDS.contains(segments.get(2))) {
        String field = segments.get(2);
        if (field.equals("attributes")) {
          if (size > 3) {
            check(resourceType, segments.subList(3, size), "resource." + dotted, "");
            resourceFields.add(dotted);
          }
          return;
        }
        if (field.equals("tags")) {
          if (size > 3) {
            resourceFields.add(dotted);
          }
          return;
        }
        if (size == 3) {
          resourceFields.add(dotted);
          return;
        }
      }
      problems.add(
          "rule for "
              + resourceType
              + " reads resource."
              + dotted
              + ", which resource.change does not have (it has actions, before.region,"
              + " before.tags and before.attributes)");
    }

    private void check(String type, List<String> path, String expression, String what) {
      ResourceTypeSchema schema = types.get(type);
      if (schema != null && !schema.hasPath(path)) {
        problems.add(
            "rule for "
                + resourceType
                + " reads "
                + expression
                + what
                + ", which the "
                + type
                + " schema does not define");
      }
    }
  }

  /** {@code change.before.attributes.<path>}, with at least one path segment. */
  private static boolean priorAttributes(List<String> segments) {
    return segments.size() > 3
        && segments.get(0).equals("change")
        && segments.get(1).equals("before")
        && segments.get(2).equals("attributes");
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> result = new ArrayList<>(first);
    result.addAll(second);
    return result;
  }

  /** A selection chain {@code root.a.b['c']} rooted at an identifier. */
  private record Chain(String root, List<String> segments) {}

  private static Chain chain(CelExpr expr) {
    List<String> reversed = new ArrayList<>();
    CelExpr current = expr;
    while (true) {
      switch (current.exprKind().getKind()) {
        case IDENT -> {
          List<String> segments = new ArrayList<>(reversed);
          java.util.Collections.reverse(segments);
          return new Chain(current.ident().name(), List.copyOf(segments));
        }
        case SELECT -> {
          reversed.add(current.select().field());
          current = current.select().operand();
        }
        case CALL -> {
          CelExpr.CelCall call = current.call();
          if (call.function().equals("_[_]") && call.args().size() == 2) {
            Optional<String> key = constantString(call.args().get(1));
            if (key.isEmpty()) {
              return null;
            }
            reversed.add(key.get());
            current = call.args().get(0);
          } else {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
    }
  }

  private static Optional<String> constantString(CelExpr expr) {
    if (expr.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
        && expr.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
      return Optional.of(expr.constant().stringValue());
    }
    return Optional.empty();
  }
}
