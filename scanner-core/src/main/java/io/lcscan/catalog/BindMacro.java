package io.lcscan.catalog;

import com.google.common.collect.ImmutableList;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.CelValue;
import dev.cel.parser.CelMacro;
import dev.cel.parser.CelMacroExprFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cel.bind(x, init, body)} without the planner's copies.
 *
 * <p>The standard macro binds {@code x} as a comprehension accumulator. The planner runtime wraps a
 * list or map accumulator in a mutable view and copies that view on every read, so each mention of
 * a bound list (say, the resources of an account) costs as much as the list. Here the accumulator
 * holds {@code init} in a {@link Bound} value, which the runtime leaves alone, and each free
 * mention of {@code x} in {@code body} reads it back through {@code held(x)}. {@code init} is still
 * evaluated lazily, on the first mention, as with the standard macro.
 */
final class BindMacro {
  static final String HOLD = "lcscan_bind_hold";
  static final String HELD = "lcscan_bind_held";
  private static final String UNUSED_ITER_VAR = "#unused";

  static final CelMacro MACRO = CelMacro.newReceiverMacro("bind", 3, BindMacro::expand);

  private BindMacro() {}

  private static Optional<CelExpr> expand(
      CelMacroExprFactory factory, CelExpr target, ImmutableList<CelExpr> arguments) {
    if (target.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT
        || !target.ident().name().equals("cel")) {
      return Optional.empty();
    }
    CelExpr variable = arguments.get(0);
    if (variable.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
      return Optional.of(
          factory.reportError("cel.bind() variable name must be a simple identifier"));
    }
    String name = variable.ident().name();
    CelExpr body = replace(factory, arguments.get(2), name);
    return Optional.of(
        factory.fold(
            UNUSED_ITER_VAR,
            factory.newList(),
            name,
            factory.newGlobalCall(HOLD, arguments.get(1)),
            factory.newBoolLiteral(false),
            factory.newIdentifier(name),
            body));
  }

  /** {@code expr} with each free mention of {@code name} read through {@code held(name)}. */
  private static CelExpr replace(CelMacroExprFactory factory, CelExpr expr, String name) {
    switch (expr.exprKind().getKind()) {
      case IDENT:
        return expr.ident().name().equals(name) ? factory.newGlobalCall(HELD, expr) : expr;
      case SELECT:
        return expr.toBuilder()
            .setSelect(
                expr.select().toBuilder()
                    .setOperand(replace(factory, expr.select().operand(), name))
                    .build())
            .build();
      case CALL:
        {
          CelExpr.CelCall call = expr.call();
          CelExpr.CelCall.Builder rebuilt = call.toBuilder().clearArgs();
          call.target().ifPresent(t -> rebuilt.setTarget(replace(factory, t, name)));
          for (CelExpr argument : call.args()) {
            rebuilt.addArgs(replace(factory, argument, name));
          }
          return expr.toBuilder().setCall(rebuilt.build()).build();
        }
      case LIST:
        {
          CelExpr.CelList.Builder rebuilt = expr.list().toBuilder();
          List<CelExpr> elements = expr.list().elements();
          for (int i = 0; i < elements.size(); i++) {
            rebuilt.setElement(i, replace(factory, elements.get(i), name));
          }
          return expr.toBuilder().setList(rebuilt.build()).build();
        }
      case MAP:
        {
          CelExpr.CelMap.Builder rebuilt = expr.map().toBuilder();
          List<CelExpr.CelMap.Entry> entries = expr.map().entries();
          for (int i = 0; i < entries.size(); i++) {
            CelExpr.CelMap.Entry entry = entries.get(i);
            rebuilt.setEntry(
                i,
                entry.toBuilder()
                    .setKey(replace(factory, entry.key(), name))
                    .setValue(replace(factory, entry.value(), name))
                    .build());
          }
          return expr.toBuilder().setMap(rebuilt.build()).build();
        }
      case STRUCT:
        {
          CelExpr.CelStruct.Builder rebuilt = expr.struct().toBuilder();
          List<CelExpr.CelStruct.Entry> entries = expr.struct().entries();
          for (int i = 0; i < entries.size(); i++) {
            CelExpr.CelStruct.Entry entry = entries.get(i);
            rebuilt.setEntry(
                i, entry.toBuilder().setValue(replace(factory, entry.value(), name)).build());
          }
          return expr.toBuilder().setStruct(rebuilt.build()).build();
        }
      case COMPREHENSION:
        {
          CelExpr.CelComprehension comprehension = expr.comprehension();
          CelExpr.CelComprehension.Builder rebuilt =
              comprehension.toBuilder()
                  .setIterRange(replace(factory, comprehension.iterRange(), name))
                  .setAccuInit(replace(factory, comprehension.accuInit(), name));
          boolean shadowed =
              comprehension.iterVar().equals(name)
                  || comprehension.iterVar2().equals(name)
                  || comprehension.accuVar().equals(name);
          if (!shadowed) {
            rebuilt
                .setLoopCondition(replace(factory, comprehension.loopCondition(), name))
                .setLoopStep(replace(factory, comprehension.loopStep(), name))
                .setResult(replace(factory, comprehension.result(), name));
          }
          return expr.toBuilder().setComprehension(rebuilt.build()).build();
        }
      default:
        return expr;
    }
  }

  /** {@code hold(init)}: a plain list or map is wrapped once so that no read converts it again. */
  @SuppressWarnings("unchecked")
  static Object hold(Object value) {
    if (value instanceof List<?> list && !(value instanceof CelValue)) {
      value = new CelList((List<Object>) list);
    } else if (value instanceof Map<?, ?> map && !(value instanceof CelValue)) {
      value = new CelMap((Map<String, Object>) map);
    }
    return new Bound(value);
  }

  static Object held(Object value) {
    return value instanceof Bound bound ? bound.held : value;
  }

  /** The accumulator of a binding: not a collection, so the planner does not wrap it. */
  static final class Bound extends CelValue {
    private final Object held;

    Bound(Object held) {
      this.held = held;
    }

    @Override
    public Object value() {
      return this;
    }

    @Override
    public boolean isZeroValue() {
      return false;
    }

    @Override
    public CelType celType() {
      return SimpleType.DYN;
    }
  }
}
