package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.common.values.NullValue;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelResolvedOverload;
import dev.cel.runtime.CelVariableResolver;
import dev.cel.runtime.Metadata;
import dev.cel.runtime.PartialVars;
import dev.cel.runtime.Program;
import dev.cel.runtime.RuntimeHelpers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A stored rule evaluated by walking its checked AST, without the CEL runtime
 * (docs/catalog-format.md, "Rules compiled at build time"). Building the runtime and planning each
 * rule cost more than a plan scan's evaluations, so rules of the build's store run here when they
 * use only what this class implements exactly; any other rule runs on CEL ({@link #of} returns
 * empty).
 *
 * <p>Errors are values while evaluating, carried as CEL's planner carries them (see {@link Err}): a
 * missing map key read by a field selection, an {@code error()} call and a ternary on an error
 * value end in the very exception CEL throws, position and cause included. An evaluation that meets
 * any other error, or a value or case this class does not decide exactly, is evaluated again by the
 * CEL program (planned on first need), whose result or error is returned.
 *
 * <p>The tree is immutable and each evaluation has its own frame, so one instance serves threads.
 */
public final class FastRule implements Program {
  /** What {@link #evalFast} returns when CEL must decide. */
  static final Object DELEGATE = new Object();

  private static final Undecided UNDECIDED = new Undecided();
  private static final int MAX_ITERATIONS = 100_000;
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?"
              + "(Z|[+-][0-9]{2}:[0-9]{2})");

  private final Node root;
  private final int slots;
  private final Positions positions;
  private final Supplier<Program> planner;
  private volatile Program cel;

  private FastRule(Node root, int slots, Positions positions, Supplier<Program> planner) {
    this.root = root;
    this.slots = slots;
    this.positions = positions;
    this.planner = planner;
  }

  /**
   * The rule of {@code ast} evaluated here, with {@code planner} giving its CEL program when CEL
   * must decide; empty when the AST uses anything this class does not implement.
   */
  static Optional<FastRule> of(CelAbstractSyntaxTree ast, Supplier<Program> planner) {
    requireNonNull(planner, "planner is null");
    try {
      Compiler compiler = new Compiler(ast);
      Node root = compiler.compile(ast.getExpr());
      Positions positions =
          new Positions(ast.getSource().getPositionsMap(), ast.getSource().getDescription());
      return Optional.of(new FastRule(root, compiler.maxSlots, positions, planner));
    } catch (Unsupported e) {
      return Optional.empty();
    }
  }

  /** The CEL program of this rule, planned on first use. */
  Program cel() {
    Program program = cel;
    if (program == null) {
      synchronized (this) {
        program = cel;
        if (program == null) {
          program = planner.get();
          cel = program;
        }
      }
    }
    return program;
  }

  @Override
  public Object eval(CelVariableResolver variables, CelFunctionResolver functions)
      throws CelEvaluationException {
    Object result = evalFast(variables, functions);
    return result == DELEGATE ? cel().eval(variables, functions) : result;
  }

  /**
   * The result when decided here: a bool or a {@link RuleSignal}; throws the error CEL would throw
   * for a missing map key or an {@code error()} call; {@link #DELEGATE} when CEL must decide.
   */
  Object evalFast(CelVariableResolver variables, CelFunctionResolver functions)
      throws CelEvaluationException {
    Frame frame = new Frame(variables, functions, slots);
    Object result;
    try {
      result = root.eval(frame);
    } catch (Undecided | RuntimeException | CelEvaluationException e) {
      return DELEGATE;
    }
    if (result instanceof Boolean || result instanceof RuleSignal) {
      return result;
    }
    if (result instanceof Err error) {
      throw error.exception(root.id, positions);
    }
    return DELEGATE;
  }

  @Override
  public Object eval() throws CelEvaluationException {
    return cel().eval();
  }

  @Override
  public Object eval(Map<String, ?> map) throws CelEvaluationException {
    return cel().eval(map);
  }

  @Override
  public Object eval(Map<String, ?> map, CelFunctionResolver functions)
      throws CelEvaluationException {
    return cel().eval(map, functions);
  }

  @Override
  public Object eval(CelVariableResolver variables) throws CelEvaluationException {
    return cel().eval(variables);
  }

  @Override
  public Object eval(PartialVars vars) throws CelEvaluationException {
    return cel().eval(vars);
  }

  /**
   * Evaluates a rule both here and on CEL, returns or throws what CEL does, and tells a listener
   * whether this class decided and, if so, whether it decided the same: for the differential tests,
   * and for {@code -Dlcscan.fastRules=check}.
   */
  static final class Checked implements Program {
    /** Told of each evaluation; {@code difference} is null when both gave the same. */
    interface Listener {
      void evaluated(String rule, boolean decidedHere, String difference);
    }

    private final String name;
    private final FastRule fast;
    private final Listener listener;

    Checked(String name, FastRule fast, Listener listener) {
      this.name = name;
      this.fast = fast;
      this.listener = listener;
    }

    @Override
    public Object eval(CelVariableResolver variables, CelFunctionResolver functions)
        throws CelEvaluationException {
      String here;
      boolean decided;
      try {
        Object result = fast.evalFast(variables, functions);
        decided = result != DELEGATE;
        here = describe(result);
      } catch (CelEvaluationException e) {
        decided = true;
        here = describe(e);
      }
      Object result = null;
      Exception failure = null;
      try {
        result = fast.cel().eval(variables, functions);
      } catch (CelEvaluationException | RuntimeException e) {
        failure = e;
      }
      String there = failure == null ? describe(result) : describe(failure);
      listener.evaluated(
          name, decided, !decided || here.equals(there) ? null : here + " / CEL: " + there);
      if (failure instanceof CelEvaluationException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      return result;
    }

    private static String describe(Object value) {
      return value == null ? "null" : value.getClass().getName() + " " + value;
    }

    private static String describe(Exception e) {
      // the engine reads the finding's message from the RuleError in the causes, if one is there
      return "thrown "
          + e.getClass().getName()
          + " "
          + e.getMessage()
          + " (rule error: "
          + RuleError.find(e).orElse("none")
          + ")";
    }

    @Override
    public Object eval() throws CelEvaluationException {
      return fast.cel().eval();
    }

    @Override
    public Object eval(Map<String, ?> map) throws CelEvaluationException {
      return fast.cel().eval(map);
    }

    @Override
    public Object eval(Map<String, ?> map, CelFunctionResolver functions)
        throws CelEvaluationException {
      return fast.cel().eval(map, functions);
    }

    @Override
    public Object eval(CelVariableResolver variables) throws CelEvaluationException {
      return fast.cel().eval(variables);
    }

    @Override
    public Object eval(PartialVars vars) throws CelEvaluationException {
      return fast.cel().eval(vars);
    }
  }

  // ---- evaluation state and values

  /** CEL must decide: thrown wherever this class cannot, caught by {@link #evalFast}. */
  private static final class Undecided extends Exception {
    private static final long serialVersionUID = 1L;

    Undecided() {
      super("undecided", null, false, false);
    }
  }

  private static final class Frame {
    final CelVariableResolver variables;
    final CelFunctionResolver functions;
    final Object[] slots;

    Frame(CelVariableResolver variables, CelFunctionResolver functions, int size) {
      this.variables = variables;
      this.functions = functions;
      this.slots = new Object[size];
    }
  }

  /**
   * An error while evaluating, carried as CEL's planner carries it (its EvalHelpers): raised
   * ({@code thrown}, an exception on its way up) or a value (what {@code &&} and {@code ||} make of
   * one). CEL reports an error at the expression that the innermost enclosing strict or non-strict
   * evaluation was evaluating when the error came up through it (the operand of a call, an element
   * of a list, the operand of a selection from a computed value, a side of {@code &&} or {@code
   * ||}), wrapping it there ({@code localized}, at {@code id}); an error raised up to the top
   * unwrapped is reported at the rule's root, or, from {@code error()}, thrown as it is. Ternaries,
   * comprehensions and chains of selections evaluate their parts directly, so they pass it on.
   */
  private static final class Err {
    // a missing map key read by this selection, else null
    final Select missing;
    // else the message of an error() call (raised) or of CEL's IllegalArgumentException
    final String message;
    final boolean raised;
    final boolean thrown;
    final boolean localized;
    final long id;

    Err(
        Select missing,
        String message,
        boolean raised,
        boolean thrown,
        boolean localized,
        long id) {
      this.missing = missing;
      this.message = message;
      this.raised = raised;
      this.thrown = thrown;
      this.localized = localized;
      this.id = id;
    }

    static Err missingKey(Select select) {
      return new Err(select, null, false, true, false, 0);
    }

    static Err raised(String message) {
      return new Err(null, message, true, true, false, 0);
    }

    /**
     * A ternary's condition that is an error value: CEL raises an IllegalArgumentException naming
     * the value (EvalConditional).
     */
    static Err notBool(Err value) {
      return new Err(
          null,
          "Expected boolean value, found :ErrorValue{exprId="
              + value.id
              + ", value="
              + value.held()
              + "}",
          false,
          true,
          false,
          0);
    }

    /** What the exception an error value holds prints (Throwable.toString). */
    private String held() {
      String exception =
          missing != null
              ? CelAttributeNotFoundException.forMissingMapKey(missing.field).toString()
              : raised ? RuleError.raise(message).toString() : illegal().toString();
      // CEL's wrapper, a RuntimeException made from its cause, whose message is the cause's text
      return localized
          ? "dev.cel.runtime.planner.LocalizedEvaluationException: " + exception
          : exception;
    }

    private IllegalArgumentException illegal() {
      return new IllegalArgumentException(message);
    }

    /** This error where CEL raises it; undecided for an error value, which CEL passes on. */
    Err raised() throws Undecided {
      if (!thrown) {
        throw UNDECIDED;
      }
      return this;
    }

    /** Raised up through a strict evaluation of {@code child}: wrapped there unless it was. */
    Err strictly(Node child) {
      return localized ? this : new Err(missing, message, raised, true, true, child.id);
    }

    /** Through a non-strict evaluation of {@code child}: an error value. */
    Err nonstrictly(Node child) {
      if (!thrown) {
        return this;
      }
      return new Err(missing, message, raised, false, localized, localized ? id : child.id);
    }

    /** The exception CEL's program throws for this error as the rule's result. */
    CelEvaluationException exception(long rootId, Positions positions) {
      boolean bare = thrown && !localized;
      if (missing != null) {
        return missing.missingKey(bare ? rootId : id, positions);
      }
      if (!raised) {
        // CEL takes an exception other than its own as the cause, with its message
        return CelEvaluationExceptionBuilder.newBuilder(message)
            .setCause(illegal())
            .setMetadata(positions, bare ? rootId : id)
            .build();
      }
      CelEvaluationException error = RuleError.raise(message);
      if (bare) {
        // a checked exception: CEL's program does not catch it
        return error;
      }
      // CEL keeps the raised exception as the cause when it wrapped it, else the raised one's cause
      return CelEvaluationExceptionBuilder.newBuilder(error.getMessage())
          .setCause(localized ? error : error.getCause())
          .setMetadata(positions, id)
          .build();
    }
  }

  /** Where CEL reports an error: the source positions the stored AST kept (none when optimized). */
  private static final class Positions implements Metadata {
    private final Map<Long, Integer> byId;
    private final String location;

    Positions(Map<Long, Integer> byId, String location) {
      this.byId = byId;
      this.location = location;
    }

    @Override
    public String getLocation() {
      return location;
    }

    @Override
    public int getPosition(long exprId) {
      return byId.getOrDefault(exprId, 0);
    }

    @Override
    public boolean hasPosition(long exprId) {
      return byId.containsKey(exprId);
    }
  }

  /**
   * A slot holding an expression not evaluated yet: a block slot ({@code memoized}: CEL keeps its
   * error and raises it again on each use) or a comprehension accumulator.
   */
  private static final class Lazy {
    final Node node;
    final boolean memoized;

    Lazy(Node node, boolean memoized) {
      this.node = node;
      this.memoized = memoized;
    }
  }

  /** A comprehension accumulator whose first evaluation failed: CEL does not keep the error. */
  private static final Object FAILED = new Object();

  private abstract static class Node {
    // the id of the AST expression this node evaluates
    long id;

    abstract Object eval(Frame frame) throws Undecided, CelEvaluationException;
  }

  private static boolean bool(Object value) throws Undecided {
    if (value instanceof Boolean b) {
      return b;
    }
    throw UNDECIDED;
  }

  // ---- nodes

  private static final class Constant extends Node {
    final Object value;

    Constant(Object value) {
      this.value = value;
    }

    @Override
    Object eval(Frame frame) {
      return value;
    }
  }

  private static final class Variable extends Node {
    final String name;

    Variable(String name) {
      this.name = name;
    }

    @Override
    Object eval(Frame frame) throws Undecided {
      Optional<Object> value = frame.variables.find(name);
      if (value.isEmpty()) {
        throw UNDECIDED;
      }
      return known(value.get());
    }
  }

  /** A block slot, comprehension variable or accumulator; lazy ones are evaluated once. */
  private static final class Local extends Node {
    final int slot;

    Local(int slot) {
      this.slot = slot;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      Object value = frame.slots[slot];
      if (value instanceof Lazy lazy) {
        value = lazy.node.eval(frame);
        if (value instanceof Err error && error.thrown) {
          boolean raised = error.raised && !error.localized;
          if (!lazy.memoized) {
            // CEL's comprehension forgets it, and wraps an error() in an exception of its own
            frame.slots[slot] = FAILED;
            if (raised) {
              throw UNDECIDED;
            }
            return error;
          }
          if (raised) {
            // a block slot wraps a checked exception at the slot
            value = error.strictly(lazy.node);
          }
        }
        frame.slots[slot] = value;
      }
      if (value == null || value == FAILED) {
        throw UNDECIDED;
      }
      return value;
    }
  }

  private static final class Select extends Node {
    final Node operand;
    final String field;
    final boolean test;
    // the operand is no variable or selection: CEL evaluates it strictly
    final boolean relative;
    private volatile Built missingKey;

    /** CEL's exception for a missing key, reported at {@code id}. */
    private record Built(long id, CelEvaluationException error) {}

    Select(Node operand, String field, boolean test, boolean relative) {
      this.operand = operand;
      this.field = field;
      this.test = test;
      this.relative = relative;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      Object value = operand.eval(frame);
      if (value instanceof Err error) {
        error.raised();
        return relative ? error.strictly(operand) : error;
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw UNDECIDED;
      }
      if (test) {
        return map.containsKey(field);
      }
      Object found = map.get(field);
      if (found == null) {
        if (map.containsKey(field)) {
          throw UNDECIDED;
        }
        return Err.missingKey(this);
      }
      return known(found);
    }

    /**
     * CEL's error for this selection's missing key reported at {@code id}; built once, as nothing
     * changes it (a selection is nearly always reported at one place).
     */
    CelEvaluationException missingKey(long id, Positions positions) {
      Built built = missingKey;
      if (built == null || built.id() != id) {
        built =
            new Built(
                id,
                CelEvaluationExceptionBuilder.newBuilder(
                        CelAttributeNotFoundException.forMissingMapKey(field))
                    .setMetadata(positions, id)
                    .build());
        missingKey = built;
      }
      return built.error();
    }
  }

  private static final class And extends Node {
    final Node left;
    final Node right;
    final boolean or;

    And(Node left, Node right, boolean or) {
      this.left = left;
      this.right = right;
      this.or = or;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      // CEL: a false (true for ||) side decides, whatever the other; else the first error wins
      Object a = left.eval(frame);
      Err first = null;
      if (a instanceof Boolean b) {
        if (b == or) {
          return b;
        }
        // true && x, false || x: x decides
      } else if (a instanceof Err error) {
        first = error.nonstrictly(left);
      } else {
        throw UNDECIDED;
      }
      Object b = right.eval(frame);
      if (b instanceof Boolean value) {
        if (value == or) {
          return value;
        }
        return first != null ? first : value;
      }
      if (b instanceof Err error) {
        return first != null ? first : error.nonstrictly(right);
      }
      throw UNDECIDED;
    }
  }

  private static final class Conditional extends Node {
    final Node condition;
    final Node then;
    final Node otherwise;

    Conditional(Node condition, Node then, Node otherwise) {
      this.condition = condition;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      Object c = condition.eval(frame);
      if (c instanceof Err error) {
        return error.thrown ? error : Err.notBool(error);
      }
      return bool(c) ? then.eval(frame) : otherwise.eval(frame);
    }
  }

  private static final class NotStrictlyFalse extends Node {
    final Node operand;

    NotStrictlyFalse(Node operand) {
      this.operand = operand;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      // CEL evaluates it non-strictly: an error, raised or a value, is not false
      Object value = operand.eval(frame);
      if (value instanceof Err) {
        return true;
      }
      return bool(value);
    }
  }

  private static final class Block extends Node {
    final int first;
    final Node[] slots;
    final Node body;

    Block(int first, Node[] slots, Node body) {
      this.first = first;
      this.slots = slots;
      this.body = body;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      for (int i = 0; i < slots.length; i++) {
        frame.slots[first + i] = new Lazy(slots[i], true);
      }
      return body.eval(frame);
    }
  }

  private static final class ListNode extends Node {
    final Node[] elements;

    ListNode(Node[] elements) {
      this.elements = elements;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      Object[] values = new Object[elements.length];
      for (int i = 0; i < elements.length; i++) {
        Object value = elements[i].eval(frame);
        if (value instanceof Err error) {
          return strictly(error, elements[i]);
        }
        values[i] = value;
      }
      return new CelList(java.util.Arrays.asList(values));
    }
  }

  /**
   * An error met by CEL's strict evaluation of an operand (of a call, or an element of a list): a
   * raised one stops the evaluation there, wrapped at the operand; an error value would be handed
   * to the function, which is CEL's to decide.
   */
  private static Err strictly(Err error, Node operand) throws Undecided {
    return error.raised().strictly(operand);
  }

  private static final class Comprehension extends Node {
    final Node range;
    final int iterSlot;
    final int accuSlot;
    final Node init;
    final Node condition;
    final Node step;
    final Node result;

    Comprehension(
        Node range, int iterSlot, int accuSlot, Node init, Node condition, Node step, Node result) {
      this.range = range;
      this.iterSlot = iterSlot;
      this.accuSlot = accuSlot;
      this.init = init;
      this.condition = condition;
      this.step = step;
      this.result = result;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      Object over = range.eval(frame);
      if (over instanceof Err error) {
        return error.raised();
      }
      Iterable<?> items;
      int size;
      if (over instanceof List<?> list) {
        items = list;
        size = list.size();
      } else if (over instanceof Map<?, ?> map) {
        items = map.keySet();
        size = map.size();
      } else {
        throw UNDECIDED;
      }
      if (size > MAX_ITERATIONS) {
        throw UNDECIDED;
      }
      frame.slots[accuSlot] = new Lazy(init, false);
      for (Object item : items) {
        frame.slots[iterSlot] = known(item);
        if (!bool(condition.eval(frame))) {
          break;
        }
        Object next = step.eval(frame);
        if (next instanceof Err error && error.thrown) {
          // raised in the step: the comprehension stops with it
          return error;
        }
        frame.slots[accuSlot] = next;
      }
      return result.eval(frame);
    }
  }

  /** A call of a strict function: arguments are evaluated, then {@link #apply}. */
  private abstract static class Call extends Node {
    final Node[] args;
    final Set<String> overloads;
    // the comparison functions' overload ids start with it
    String overloadPrefix = "";

    Call(Node[] args, Set<String> overloads) {
      this.args = args;
      this.overloads = overloads;
    }

    @Override
    Object eval(Frame frame) throws Undecided, CelEvaluationException {
      Object[] values = new Object[args.length];
      for (int i = 0; i < args.length; i++) {
        Object value = args[i].eval(frame);
        if (value instanceof Err error) {
          return strictly(error, args[i]);
        }
        values[i] = value;
      }
      return apply(frame, values);
    }

    /** Requires the checker to have allowed the overload the arguments' types select. */
    void allowed(String overload) throws Undecided {
      if (!overloads.contains(overload)) {
        throw UNDECIDED;
      }
    }

    abstract Object apply(Frame frame, Object[] values) throws Undecided, CelEvaluationException;
  }

  private interface Function {
    Object apply(Call call, Frame frame, Object[] values) throws Undecided, CelEvaluationException;
  }

  private static final class Builtin extends Call {
    final Function function;

    Builtin(Node[] args, Set<String> overloads, Function function) {
      super(args, overloads);
      this.function = function;
    }

    @Override
    Object apply(Frame frame, Object[] values) throws Undecided, CelEvaluationException {
      return function.apply(this, frame, values);
    }
  }

  /** A function the engine binds per evaluation ({@link RuleCompiler#LATE_BOUND}). */
  private static final class LateBound extends Call {
    final String name;

    LateBound(String name, Node[] args, Set<String> overloads) {
      super(args, overloads);
      this.name = name;
    }

    @Override
    Object apply(Frame frame, Object[] values) throws Undecided, CelEvaluationException {
      Optional<CelResolvedOverload> overload =
          frame.functions.findOverloadMatchingArgs(name, overloads, values);
      if (overload.isEmpty()) {
        throw UNDECIDED;
      }
      return known(overload.get().getDefinition().apply(values));
    }
  }

  /** A value CEL would take as it is; anything else is CEL's to convert. */
  private static Object known(Object value) throws Undecided {
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Double
        || value instanceof CelMap
        || value instanceof CelList
        || value instanceof NullValue
        || value instanceof Instant) {
      return value;
    }
    throw UNDECIDED;
  }

  // ---- functions

  private static final long EXACT_DOUBLE = 1L << 53;

  /** CEL's heterogeneous equality on the values this class knows; undecided on others. */
  static boolean equal(Object a, Object b) throws Undecided {
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x.longValue() == y.longValue();
      }
      if (b instanceof Double y) {
        return compareLongDouble(x, y) == 0;
      }
      return other(b);
    }
    if (a instanceof Double x) {
      if (b instanceof Double y) {
        return x.doubleValue() == y.doubleValue();
      }
      if (b instanceof Long y) {
        return compareLongDouble(y, x) == 0;
      }
      return other(b);
    }
    if (a instanceof String x) {
      return b instanceof String y ? x.equals(y) : other(b);
    }
    if (a instanceof Boolean x) {
      return b instanceof Boolean y ? x.equals(y) : other(b);
    }
    if (a instanceof NullValue) {
      return b instanceof NullValue || other(b);
    }
    if (a instanceof Instant x) {
      return b instanceof Instant y ? x.equals(y) : other(b);
    }
    if (a instanceof List<?> x) {
      if (!(b instanceof List<?> y)) {
        return other(b);
      }
      if (x.size() != y.size()) {
        return false;
      }
      boolean same = true;
      for (int i = 0; i < x.size(); i++) {
        // every element must be a known value, whatever the answer
        same &= equal(known(x.get(i)), known(y.get(i)));
      }
      return same;
    }
    if (a instanceof Map<?, ?> x) {
      if (!(b instanceof Map<?, ?> y)) {
        return other(b);
      }
      for (Object key : x.keySet()) {
        if (!(key instanceof String)) {
          throw UNDECIDED;
        }
      }
      for (Object key : y.keySet()) {
        if (!(key instanceof String)) {
          throw UNDECIDED;
        }
      }
      if (x.size() != y.size()) {
        return false;
      }
      boolean same = true;
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        Object other = y.get(entry.getKey());
        if (other == null) {
          return false;
        }
        same &= equal(known(entry.getValue()), known(other));
      }
      return same;
    }
    throw UNDECIDED;
  }

  /** {@code b} is of another kind than the first operand: unequal, if it is a known kind. */
  private static boolean other(Object b) throws Undecided {
    known(b);
    return false;
  }

  /** Compares exactly, or is undecided (NaN, or a long a double cannot hold). */
  private static int compareLongDouble(long x, double y) throws Undecided {
    if (Double.isNaN(y) || x > EXACT_DOUBLE || x < -EXACT_DOUBLE) {
      throw UNDECIDED;
    }
    double d = x;
    return d < y ? -1 : d > y ? 1 : 0;
  }

  /** {@code a < b} as -1, 0, 1 with the overload CEL would take, which must be allowed. */
  private static int compare(Call call, Object a, Object b) throws Undecided {
    if (a instanceof Long x && b instanceof Long y) {
      call.allowed(call.overloadPrefix + "_int64");
      return Long.compare(x, y);
    }
    if (a instanceof Long x && b instanceof Double y) {
      call.allowed(call.overloadPrefix + "_int64_double");
      return compareLongDouble(x, y);
    }
    if (a instanceof Double x && b instanceof Long y) {
      call.allowed(call.overloadPrefix + "_double_int64");
      return -compareLongDouble(y, x);
    }
    if (a instanceof Double x && b instanceof Double y) {
      call.allowed(call.overloadPrefix + "_double");
      if (Double.isNaN(x) || Double.isNaN(y)) {
        throw UNDECIDED;
      }
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      call.allowed(call.overloadPrefix + "_timestamp");
      return x.compareTo(y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      call.allowed(call.overloadPrefix + "_bool");
      return Boolean.compare(x, y);
    }
    throw UNDECIDED;
  }

  private static Object timestamp(String text) throws Undecided {
    if (!TIMESTAMP.matcher(text).matches() || text.startsWith("0000")) {
      throw UNDECIDED;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw UNDECIDED;
    }
  }

  private static String string(Object value) throws Undecided {
    if (value instanceof String text) {
      return text;
    }
    throw UNDECIDED;
  }

  private static List<?> list(Object value) throws Undecided {
    if (value instanceof List<?> list) {
      return list;
    }
    throw UNDECIDED;
  }

  private static final Map<String, Function> FUNCTIONS = new HashMap<>();

  static {
    FUNCTIONS.put(
        "!_",
        (call, frame, v) -> {
          call.allowed("logical_not");
          return !bool(v[0]);
        });
    FUNCTIONS.put(
        "_==_",
        (call, frame, v) -> {
          call.allowed("equals");
          return equal(v[0], v[1]);
        });
    FUNCTIONS.put(
        "_!=_",
        (call, frame, v) -> {
          call.allowed("not_equals");
          return !equal(v[0], v[1]);
        });
    FUNCTIONS.put(
        "@in",
        (call, frame, v) -> {
          if (v[1] instanceof List<?> list) {
            call.allowed("in_list");
            boolean found = false;
            for (Object element : list) {
              found |= equal(v[0], known(element));
            }
            return found;
          }
          if (v[1] instanceof Map<?, ?> map) {
            call.allowed("in_map");
            if (!(v[0] instanceof String key)) {
              throw UNDECIDED;
            }
            return map.containsKey(key);
          }
          throw UNDECIDED;
        });
    for (String op : List.of("_<_", "_<=_", "_>_", "_>=_")) {
      FUNCTIONS.put(
          op,
          (call, frame, v) -> {
            int c = compare(call, v[0], v[1]);
            return switch (op) {
              case "_<_" -> c < 0;
              case "_<=_" -> c <= 0;
              case "_>_" -> c > 0;
              default -> c >= 0;
            };
          });
    }
    FUNCTIONS.put(
        "_+_",
        (call, frame, v) -> {
          if (v[0] instanceof String a && v[1] instanceof String b) {
            call.allowed("add_string");
            return a.concat(b);
          }
          if (v[0] instanceof Long a && v[1] instanceof Long b) {
            call.allowed("add_int64");
            try {
              return Math.addExact(a, b);
            } catch (ArithmeticException e) {
              throw UNDECIDED;
            }
          }
          if (v[0] instanceof List<?> a && v[1] instanceof List<?> b) {
            call.allowed("add_list");
            return CelList.concat(a, b);
          }
          throw UNDECIDED;
        });
    FUNCTIONS.put(
        "_/_",
        (call, frame, v) -> {
          if (v[0] instanceof Long a && v[1] instanceof Long b) {
            call.allowed("divide_int64");
            if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
              throw UNDECIDED;
            }
            return a / b;
          }
          throw UNDECIDED;
        });
    FUNCTIONS.put(
        "_[_]",
        (call, frame, v) -> {
          if (v[0] instanceof List<?> list && v[1] instanceof Long index) {
            call.allowed("index_list");
            if (index < 0 || index >= list.size()) {
              throw UNDECIDED;
            }
            return known(list.get((int) (long) index));
          }
          if (v[0] instanceof Map<?, ?> map && v[1] instanceof String key) {
            call.allowed("index_map");
            Object found = map.get(key);
            if (found == null) {
              throw UNDECIDED;
            }
            return known(found);
          }
          throw UNDECIDED;
        });
    FUNCTIONS.put(
        "size",
        (call, frame, v) -> {
          if (v[0] instanceof String text) {
            call.allowed("size_string");
            return (long) text.codePointCount(0, text.length());
          }
          if (v[0] instanceof List<?> list) {
            call.allowed("size_list");
            return (long) list.size();
          }
          if (v[0] instanceof Map<?, ?> map) {
            call.allowed("size_map");
            return (long) map.size();
          }
          throw UNDECIDED;
        });
    FUNCTIONS.put(
        "string",
        (call, frame, v) -> {
          if (v[0] instanceof String text) {
            call.allowed("string_to_string");
            return text;
          }
          if (v[0] instanceof Long number) {
            call.allowed("int64_to_string");
            return number.toString();
          }
          if (v[0] instanceof Boolean value) {
            call.allowed("bool_to_string");
            return value.toString();
          }
          throw UNDECIDED;
        });
    FUNCTIONS.put(
        "timestamp",
        (call, frame, v) -> {
          call.allowed("string_to_timestamp");
          return timestamp(string(v[0]));
        });
    FUNCTIONS.put(
        "contains",
        (call, frame, v) -> {
          call.allowed("contains_string");
          return string(v[0]).contains(string(v[1]));
        });
    FUNCTIONS.put(
        "startsWith",
        (call, frame, v) -> {
          call.allowed("starts_with_string");
          return string(v[0]).startsWith(string(v[1]));
        });
    FUNCTIONS.put(
        "endsWith",
        (call, frame, v) -> {
          call.allowed("ends_with_string");
          return string(v[0]).endsWith(string(v[1]));
        });
    FUNCTIONS.put(
        "lowerAscii",
        (call, frame, v) -> {
          call.allowed("string_lower_ascii");
          return ascii(string(v[0]), true);
        });
    FUNCTIONS.put(
        "upperAscii",
        (call, frame, v) -> {
          call.allowed("string_upper_ascii");
          return ascii(string(v[0]), false);
        });
    FUNCTIONS.put(
        "matches",
        (call, frame, v) -> {
          call.allowed("matches_string");
          return RuntimeHelpers.matches(string(v[0]), string(v[1]), RuleCompiler.OPTIONS);
        });
    // the strings extension works on code points; without surrogates they are the chars
    FUNCTIONS.put(
        "split",
        (call, frame, v) -> {
          call.allowed("string_split_string");
          return new CelList(split(bmp(v[0]), bmp(v[1])));
        });
    FUNCTIONS.put(
        "replace",
        (call, frame, v) -> {
          call.allowed("string_replace_string_string");
          return replace(bmp(v[0]), bmp(v[1]), bmp(v[2]));
        });
    FUNCTIONS.put(
        "trim",
        (call, frame, v) -> {
          call.allowed("string_trim");
          return trim(bmp(v[0]));
        });
    FUNCTIONS.put(
        "join",
        (call, frame, v) -> {
          call.allowed("list_join_string");
          List<?> list = list(v[0]);
          String separator = string(v[1]);
          StringBuilder joined = new StringBuilder();
          for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
              joined.append(separator);
            }
            joined.append(string(list.get(i)));
          }
          return joined.toString();
        });
    FUNCTIONS.put(
        "flatten",
        (call, frame, v) -> {
          call.allowed("list_flatten");
          List<Object> flat = new ArrayList<>();
          for (Object element : list(v[0])) {
            if (element instanceof List<?> inner) {
              for (Object each : inner) {
                flat.add(known(each));
              }
            } else {
              flat.add(known(element));
            }
          }
          return new CelList(flat);
        });
    FUNCTIONS.put(
        RuleCompiler.SKIP,
        (call, frame, v) -> {
          call.allowed("lcscan_skip_string");
          return new RuleSignal.Skip(string(v[0]));
        });
    FUNCTIONS.put(
        RuleCompiler.FAIL,
        (call, frame, v) -> {
          call.allowed("lcscan_fail_string");
          return new RuleSignal.Fail(string(v[0]));
        });
    // error() raises a RuleError; how CEL wraps it depends on where it comes up (Err)
    FUNCTIONS.put(
        RuleCompiler.ERROR,
        (call, frame, v) -> {
          call.allowed("lcscan_error_string");
          return Err.raised(string(v[0]));
        });
    // cel.bind's accumulator: the value itself, as BindMacro's holder only keeps CEL from copying
    FUNCTIONS.put(
        BindMacro.HOLD,
        (call, frame, v) -> {
          call.allowed(BindMacro.HOLD);
          return v[0];
        });
    FUNCTIONS.put(
        BindMacro.HELD,
        (call, frame, v) -> {
          call.allowed(BindMacro.HELD);
          return v[0];
        });
  }

  /** A string without surrogates, whose code points are its chars; else CEL's to decide. */
  private static String bmp(Object value) throws Undecided {
    String text = string(value);
    for (int i = 0; i < text.length(); i++) {
      if (Character.isSurrogate(text.charAt(i))) {
        throw UNDECIDED;
      }
    }
    return text;
  }

  /**
   * {@code text.split(separator)} as the strings extension does it: each char when the separator is
   * empty (none for an empty text), else the parts between the separators, empty ones included.
   */
  private static List<Object> split(String text, String separator) {
    List<Object> parts = new ArrayList<>();
    if (separator.isEmpty()) {
      for (int i = 0; i < text.length(); i++) {
        parts.add(String.valueOf(text.charAt(i)));
      }
      return parts;
    }
    int start = 0;
    int found;
    while ((found = text.indexOf(separator, start)) >= 0) {
      parts.add(text.substring(start, found));
      start = found + separator.length();
    }
    parts.add(text.substring(start));
    return parts;
  }

  /**
   * {@code text.replace(search, replacement)}: every occurrence, left to right; an empty search
   * matches before each char and at the end.
   */
  private static String replace(String text, String search, String replacement) {
    if (search.equals(replacement)) {
      return text;
    }
    if (text.isEmpty()) {
      return search.isEmpty() ? replacement : "";
    }
    int end = indexFrom(text, search, 0);
    if (end < 0) {
      return text;
    }
    // an empty search moves on by one char
    int step = Math.max(search.length(), 1);
    StringBuilder replaced = new StringBuilder();
    int start = 0;
    do {
      replaced.append(text, start, end).append(replacement);
      start = end + search.length();
    } while ((end = indexFrom(text, search, end + step)) > 0);
    return replaced.append(text, start, text.length()).toString();
  }

  /** The first {@code search} at or after {@code from}, -1 past the last place it could start. */
  private static int indexFrom(String text, String search, int from) {
    return from > text.length() - search.length() ? -1 : text.indexOf(search, from);
  }

  /** {@code text.trim()}: without the leading and trailing Unicode White_Space chars. */
  private static String trim(String text) {
    int left = 0;
    while (left < text.length() && whitespace(text.charAt(left))) {
      left++;
    }
    int right = text.length();
    while (right > left && whitespace(text.charAt(right - 1))) {
      right--;
    }
    return text.substring(left, right);
  }

  /** Unicode White_Space, as the strings extension lists it (no zero-width spaces). */
  private static boolean whitespace(char c) {
    return (c >= 0x9 && c <= 0xD)
        || c == 0x20
        || c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  private static String ascii(String text, boolean lower) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (lower && c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + ('a' - 'A'));
      } else if (!lower && c >= 'a' && c <= 'z') {
        chars[i] = (char) (c - ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  // ---- from the AST

  /** The AST uses something not implemented here. */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super("unsupported", null, false, false);
    }
  }

  private static final class Compiler {
    private final CelAbstractSyntaxTree ast;
    private final Map<String, Integer> scope = new HashMap<>();
    private int nextSlot;
    int maxSlots;

    Compiler(CelAbstractSyntaxTree ast) {
      this.ast = ast;
    }

    private void bind(String name, int slot, Map<String, Integer> saved) {
      if (!saved.containsKey(name)) {
        saved.put(name, scope.get(name));
      }
      scope.put(name, slot);
    }

    /** Unbinds; slots are never reused, as a lazy slot may be evaluated at any later time. */
    private void restore(Map<String, Integer> saved, int slotMark) {
      saved.forEach(
          (name, slot) -> {
            if (slot == null) {
              scope.remove(name);
            } else {
              scope.put(name, slot);
            }
          });
    }

    Node compile(CelExpr expr) throws Unsupported {
      Node node = compileKind(expr);
      node.id = expr.id();
      return node;
    }

    private Node compileKind(CelExpr expr) throws Unsupported {
      switch (expr.exprKind().getKind()) {
        case CONSTANT -> {
          return new Constant(constant(expr.constant()));
        }
        case IDENT -> {
          String name = expr.ident().name();
          Integer slot = scope.get(name);
          if (slot != null) {
            return new Local(slot);
          }
          if (name.equals("resource") || name.equals("settings") || name.equals("now")) {
            return new Variable(name);
          }
          throw new Unsupported();
        }
        case SELECT -> {
          return select(expr);
        }
        case LIST -> {
          if (!expr.list().optionalIndices().isEmpty()) {
            throw new Unsupported();
          }
          return new ListNode(compileAll(expr.list().elements()));
        }
        case CALL -> {
          return call(expr);
        }
        case COMPREHENSION -> {
          return comprehension(expr.comprehension());
        }
        case MAP -> {
          return new Constant(constantMap(expr.map()));
        }
        default -> throw new Unsupported();
      }
    }

    /**
     * A map literal of distinct string keys and constant values, as CEL's planner builds it (an
     * immutable map in source order, which nothing here can make fail); any other map literal is
     * CEL's.
     */
    private static CelMap constantMap(CelExpr.CelMap literal) throws Unsupported {
      Map<String, Object> entries = new LinkedHashMap<>();
      for (CelExpr.CelMap.Entry entry : literal.entries()) {
        CelExpr key = entry.key();
        CelExpr value = entry.value();
        if (entry.optionalEntry()
            || key.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT
            || key.constant().getKind() != CelConstant.Kind.STRING_VALUE
            || value.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT
            || entries.put(key.constant().stringValue(), constant(value.constant())) != null) {
          throw new Unsupported();
        }
      }
      return new CelMap(Collections.unmodifiableMap(entries));
    }

    /**
     * A selection. CEL plans a chain of selections from a variable as one attribute, evaluated at
     * once; a selection from anything else (a call, a block slot, ...) evaluates it strictly.
     */
    private Node select(CelExpr expr) throws Unsupported {
      CelExpr.CelSelect select = expr.select();
      CelExpr operand = select.operand();
      boolean attribute =
          switch (operand.exprKind().getKind()) {
            case IDENT -> !operand.ident().name().startsWith("@index");
            case SELECT -> !operand.select().testOnly();
            default -> false;
          };
      return new Select(compile(operand), select.field(), select.testOnly(), !attribute);
    }

    private Node[] compileAll(List<CelExpr> exprs) throws Unsupported {
      Node[] nodes = new Node[exprs.size()];
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = compile(exprs.get(i));
      }
      return nodes;
    }

    private Node comprehension(CelExpr.CelComprehension c) throws Unsupported {
      if (!c.iterVar2().isEmpty()) {
        throw new Unsupported();
      }
      int mark = nextSlot;
      // reserved first: the accumulator's lazy init may run comprehensions of its own mid-loop
      int accuSlot = nextSlot++;
      int iterSlot = nextSlot++;
      maxSlots = Math.max(maxSlots, nextSlot);
      Node range = compile(c.iterRange());
      Node init = compile(c.accuInit());
      Map<String, Integer> saved = new HashMap<>();
      bind(c.accuVar(), accuSlot, saved);
      bind(c.iterVar(), iterSlot, saved);
      Node condition = compile(c.loopCondition());
      Node step = compile(c.loopStep());
      Node result = compile(c.result());
      restore(saved, mark);
      return new Comprehension(range, iterSlot, accuSlot, init, condition, step, result);
    }

    private Node call(CelExpr expr) throws Unsupported {
      CelExpr.CelCall call = expr.call();
      String function = call.function();
      CelReference reference = ast.getReferenceMap().get(expr.id());
      if (reference == null || reference.overloadIds().isEmpty()) {
        throw new Unsupported();
      }
      Set<String> overloads = Set.copyOf(reference.overloadIds());
      List<CelExpr> operands = new ArrayList<>();
      call.target().ifPresent(operands::add);
      operands.addAll(call.args());
      switch (function) {
        case "_&&_", "_||_" -> {
          if (operands.size() != 2) {
            throw new Unsupported();
          }
          return new And(
              compile(operands.get(0)), compile(operands.get(1)), function.equals("_||_"));
        }
        case "_?_:_" -> {
          if (operands.size() != 3) {
            throw new Unsupported();
          }
          return new Conditional(
              compile(operands.get(0)), compile(operands.get(1)), compile(operands.get(2)));
        }
        case "@not_strictly_false" -> {
          if (operands.size() != 1) {
            throw new Unsupported();
          }
          return new NotStrictlyFalse(compile(operands.get(0)));
        }
        case "cel.@block" -> {
          return block(operands);
        }
        default -> {}
      }
      if (RuleCompiler.LATE_BOUND.contains(function)) {
        if (call.target().isPresent()) {
          throw new Unsupported();
        }
        return new LateBound(function, compileAll(operands), overloads);
      }
      Function builtin = FUNCTIONS.get(function);
      if (builtin == null || !arity(function, call.target().isPresent(), operands.size())) {
        throw new Unsupported();
      }
      Node[] args = compileAll(operands);
      Builtin node = new Builtin(args, overloads, builtin);
      node.overloadPrefix = comparisonPrefix(function);
      return node;
    }

    private Node block(List<CelExpr> operands) throws Unsupported {
      if (operands.size() != 2
          || operands.get(0).exprKind().getKind() != CelExpr.ExprKind.Kind.LIST
          || !operands.get(0).list().optionalIndices().isEmpty()) {
        throw new Unsupported();
      }
      List<CelExpr> slotExprs = operands.get(0).list().elements();
      Map<String, Integer> saved = new HashMap<>();
      int mark = nextSlot;
      // reserved first: a slot, evaluated lazily, may run comprehensions of its own
      int first = nextSlot;
      nextSlot += slotExprs.size();
      maxSlots = Math.max(maxSlots, nextSlot);
      Node[] slots = new Node[slotExprs.size()];
      for (int i = 0; i < slots.length; i++) {
        // a slot may read the slots before it
        slots[i] = compile(slotExprs.get(i));
        bind("@index" + i, first + i, saved);
      }
      Node body = compile(operands.get(1));
      restore(saved, mark);
      return new Block(first, slots, body);
    }
  }

  /** Receiver or global, and number of operands, of the functions implemented here. */
  private static boolean arity(String function, boolean receiver, int operands) {
    return switch (function) {
      case "!_",
          "size",
          "string",
          "timestamp",
          RuleCompiler.SKIP,
          RuleCompiler.ERROR,
          RuleCompiler.FAIL,
          BindMacro.HOLD,
          BindMacro.HELD ->
          !receiver && operands == 1;
      case "lowerAscii", "upperAscii", "flatten", "trim" -> receiver && operands == 1;
      case "contains", "startsWith", "endsWith", "matches", "join", "split" ->
          receiver && operands == 2;
      case "replace" -> receiver && operands == 3;
      default -> !receiver && operands == 2;
    };
  }

  private static String comparisonPrefix(String function) {
    return switch (function) {
      case "_<_" -> "less";
      case "_<=_" -> "less_equals";
      case "_>_" -> "greater";
      case "_>=_" -> "greater_equals";
      default -> "";
    };
  }

  private static Object constant(CelConstant constant) throws Unsupported {
    return switch (constant.getKind()) {
      case NULL_VALUE -> NullValue.NULL_VALUE;
      case BOOLEAN_VALUE -> constant.booleanValue();
      case INT64_VALUE -> constant.int64Value();
      case DOUBLE_VALUE -> constant.doubleValue();
      case STRING_VALUE -> constant.stringValue();
      default -> throw new Unsupported();
    };
  }
}
