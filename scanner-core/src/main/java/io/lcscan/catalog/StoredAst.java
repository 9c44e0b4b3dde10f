package io.lcscan.catalog;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.NullableType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.common.types.TypeType;
import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked CEL AST as compact bytes, read straight into CEL's AST classes. Reading a protobuf
 * {@code CheckedExpr} and converting it cost most of the time of planning a stored rule, on the
 * first evaluation of each rule (BENCHMARKS.md, "Terraform plan scan: startup").
 *
 * <p>{@link #encode} accepts only the shapes it can read back exactly and throws {@link
 * IllegalArgumentException} on any other; {@link PrecompiledRules} then stores that rule as a
 * {@code CheckedExpr}. The bytes are a string table, then the expression, the source information
 * (description, line offsets, positions, macro calls, extensions), the references and the types.
 */
final class StoredAst {
  private static final int NOT_SET = 0;
  private static final int CONSTANT = 1;
  private static final int IDENT = 2;
  private static final int SELECT = 3;
  private static final int CALL = 4;
  private static final int LIST = 5;
  private static final int STRUCT = 6;
  private static final int MAP = 7;
  private static final int COMPREHENSION = 8;

  private static final int C_NOT_SET = 0;
  private static final int C_NULL = 1;
  private static final int C_FALSE = 2;
  private static final int C_TRUE = 3;
  private static final int C_INT = 4;
  private static final int C_UINT = 5;
  private static final int C_DOUBLE = 6;
  private static final int C_STRING = 7;
  private static final int C_BYTES = 8;

  private static final int T_SIMPLE = 0;
  private static final int T_LIST = 1;
  private static final int T_MAP = 2;
  private static final int T_TYPE = 3;
  private static final int T_OPTIONAL = 4;
  private static final int T_OPAQUE = 5;
  private static final int T_PARAM = 6;
  private static final int T_NULLABLE = 7;

  /** The source extensions an AST may carry, by their index here (their fields are not public). */
  private static final List<CelSource.Extension> EXTENSIONS =
      List.of(
          CelSource.Extension.create(
              "cel_block",
              CelSource.Extension.Version.of(1, 1),
              CelSource.Extension.Component.COMPONENT_RUNTIME),
          CelSource.Extension.create(
              "cel_block",
              CelSource.Extension.Version.of(1, 0),
              CelSource.Extension.Component.COMPONENT_RUNTIME));

  /** The simple types, by their index here. */
  private static final List<CelType> SIMPLE_TYPES =
      List.of(
          SimpleType.DYN,
          SimpleType.BOOL,
          SimpleType.INT,
          SimpleType.UINT,
          SimpleType.DOUBLE,
          SimpleType.STRING,
          SimpleType.BYTES,
          SimpleType.TIMESTAMP,
          SimpleType.DURATION,
          SimpleType.NULL_TYPE,
          SimpleType.ANY,
          SimpleType.ERROR);

  private StoredAst() {}

  // ---- writing

  /**
   * The bytes of a checked AST, which {@link #decode} turns back into an equal AST.
   *
   * @throws IllegalArgumentException when the AST has a shape this format does not hold
   */
  static byte[] encode(CelAbstractSyntaxTree ast) {
    Writer body = new Writer();
    body.expr(ast.getExpr());
    CelSource source = ast.getSource();
    if (!source.getContent().isEmpty()) {
      throw new IllegalArgumentException("the source text is not stored");
    }
    body.string(source.getDescription());
    body.number(source.getLineOffsets().size());
    for (int offset : source.getLineOffsets()) {
      body.signed(offset);
    }
    body.number(source.getPositionsMap().size());
    for (Map.Entry<Long, Integer> position : source.getPositionsMap().entrySet()) {
      body.number(position.getKey());
      body.signed(position.getValue());
    }
    body.number(source.getMacroCalls().size());
    for (Map.Entry<Long, CelExpr> call : source.getMacroCalls().entrySet()) {
      body.number(call.getKey());
      body.expr(call.getValue());
    }
    body.number(source.getExtensions().size());
    for (CelSource.Extension extension : source.getExtensions()) {
      int index = EXTENSIONS.indexOf(extension);
      if (index < 0) {
        throw new IllegalArgumentException("unknown source extension " + extension);
      }
      body.number(index);
    }
    body.number(ast.getReferenceMap().size());
    for (Map.Entry<Long, CelReference> entry : ast.getReferenceMap().entrySet()) {
      CelReference reference = entry.getValue();
      body.number(entry.getKey());
      body.string(reference.name());
      body.number(reference.overloadIds().size());
      for (String overload : reference.overloadIds()) {
        body.string(overload);
      }
      body.flag(reference.value().isPresent());
      if (reference.value().isPresent()) {
        body.constant(reference.value().get());
      }
    }
    Map<CelType, Integer> typeIndex = new LinkedHashMap<>();
    Writer typeTable = new Writer(body.strings);
    for (CelType type : ast.getTypeMap().values()) {
      typeTable.type(type, typeIndex);
    }
    body.number(ast.getTypeMap().size());
    for (Map.Entry<Long, CelType> entry : ast.getTypeMap().entrySet()) {
      body.number(entry.getKey());
      body.number(typeIndex.get(entry.getValue()));
    }

    Writer out = new Writer();
    out.number(body.strings.size());
    for (String text : body.strings.keySet()) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      out.number(utf8.length);
      out.bytes.write(utf8, 0, utf8.length);
    }
    out.number(typeIndex.size());
    out.bytes.writeBytes(typeTable.bytes.toByteArray());
    out.bytes.writeBytes(body.bytes.toByteArray());
    return out.bytes.toByteArray();
  }

  private static final class Writer {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Map<String, Integer> strings;

    Writer() {
      this(new LinkedHashMap<>());
    }

    Writer(Map<String, Integer> strings) {
      this.strings = strings;
    }

    void number(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("negative number " + value);
      }
      while ((value & ~0x7FL) != 0) {
        bytes.write((int) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      bytes.write((int) value);
    }

    void signed(long value) {
      number((value << 1) ^ (value >> 63));
    }

    void fixed(long value) {
      for (int shift = 0; shift < 64; shift += 8) {
        bytes.write((int) (value >>> shift));
      }
    }

    void flag(boolean value) {
      bytes.write(value ? 1 : 0);
    }

    void string(String value) {
      Integer index = strings.get(value);
      if (index == null) {
        index = strings.size();
        strings.put(value, index);
      }
      number(index);
    }

    void expr(CelExpr expr) {
      switch (expr.exprKind().getKind()) {
        case NOT_SET -> head(NOT_SET, expr);
        case CONSTANT -> {
          head(CONSTANT, expr);
          constant(expr.constant());
        }
        case IDENT -> {
          head(IDENT, expr);
          string(expr.ident().name());
        }
        case SELECT -> {
          head(SELECT, expr);
          expr(expr.select().operand());
          string(expr.select().field());
          flag(expr.select().testOnly());
        }
        case CALL -> {
          CelExpr.CelCall call = expr.call();
          head(CALL, expr);
          flag(call.target().isPresent());
          if (call.target().isPresent()) {
            expr(call.target().get());
          }
          string(call.function());
          exprs(call.args());
        }
        case LIST -> {
          head(LIST, expr);
          exprs(expr.list().elements());
          number(expr.list().optionalIndices().size());
          for (int index : expr.list().optionalIndices()) {
            number(index);
          }
        }
        case STRUCT -> {
          head(STRUCT, expr);
          string(expr.struct().messageName());
          number(expr.struct().entries().size());
          for (CelExpr.CelStruct.Entry entry : expr.struct().entries()) {
            number(entry.id());
            string(entry.fieldKey());
            expr(entry.value());
            flag(entry.optionalEntry());
          }
        }
        case MAP -> {
          head(MAP, expr);
          number(expr.map().entries().size());
          for (CelExpr.CelMap.Entry entry : expr.map().entries()) {
            number(entry.id());
            expr(entry.key());
            expr(entry.value());
            flag(entry.optionalEntry());
          }
        }
        case COMPREHENSION -> {
          CelExpr.CelComprehension comprehension = expr.comprehension();
          head(COMPREHENSION, expr);
          string(comprehension.iterVar());
          string(comprehension.iterVar2());
          string(comprehension.accuVar());
          expr(comprehension.iterRange());
          expr(comprehension.accuInit());
          expr(comprehension.loopCondition());
          expr(comprehension.loopStep());
          expr(comprehension.result());
        }
        default -> throw new IllegalArgumentException("unknown expression kind " + expr.exprKind());
      }
    }

    private void head(int kind, CelExpr expr) {
      bytes.write(kind);
      number(expr.id());
    }

    private void exprs(List<CelExpr> exprs) {
      number(exprs.size());
      for (CelExpr each : exprs) {
        expr(each);
      }
    }

    void constant(CelConstant constant) {
      switch (constant.getKind()) {
        case NOT_SET -> bytes.write(C_NOT_SET);
        case NULL_VALUE -> bytes.write(C_NULL);
        case BOOLEAN_VALUE -> bytes.write(constant.booleanValue() ? C_TRUE : C_FALSE);
        case INT64_VALUE -> {
          bytes.write(C_INT);
          signed(constant.int64Value());
        }
        case UINT64_VALUE -> {
          bytes.write(C_UINT);
          fixed(constant.uint64Value().longValue());
        }
        case DOUBLE_VALUE -> {
          bytes.write(C_DOUBLE);
          fixed(Double.doubleToRawLongBits(constant.doubleValue()));
        }
        case STRING_VALUE -> {
          bytes.write(C_STRING);
          string(constant.stringValue());
        }
        case BYTES_VALUE -> {
          byte[] value = constant.bytesValue().toByteArray();
          bytes.write(C_BYTES);
          number(value.length);
          bytes.write(value, 0, value.length);
        }
        default -> throw new IllegalArgumentException("unknown constant kind " + constant);
      }
    }

    /** Writes a type after its parameters, so that the table refers only backwards. */
    int type(CelType type, Map<CelType, Integer> index) {
      Integer known = index.get(type);
      if (known != null) {
        return known;
      }
      if (type instanceof SimpleType) {
        int simple = SIMPLE_TYPES.indexOf(type);
        if (simple < 0) {
          throw new IllegalArgumentException("unknown simple type " + type);
        }
        bytes.write(T_SIMPLE);
        number(simple);
      } else if (type instanceof ListType list) {
        int element = type(list.elemType(), index);
        bytes.write(T_LIST);
        number(element);
      } else if (type instanceof MapType map) {
        int key = type(map.keyType(), index);
        int value = type(map.valueType(), index);
        bytes.write(T_MAP);
        number(key);
        number(value);
      } else if (type instanceof TypeType typeType) {
        int of = type(typeType.type(), index);
        bytes.write(T_TYPE);
        number(of);
      } else if (type instanceof OptionalType optional) {
        int of = type(optional.parameters().get(0), index);
        bytes.write(T_OPTIONAL);
        number(of);
      } else if (type instanceof OpaqueType opaque) {
        List<Integer> parameters = new ArrayList<>();
        for (CelType parameter : opaque.parameters()) {
          parameters.add(type(parameter, index));
        }
        bytes.write(T_OPAQUE);
        string(opaque.name());
        number(parameters.size());
        parameters.forEach(this::number);
      } else if (type instanceof TypeParamType param) {
        bytes.write(T_PARAM);
        string(param.name());
      } else if (type instanceof NullableType nullable) {
        int of = type(nullable.targetType(), index);
        bytes.write(T_NULLABLE);
        number(of);
      } else {
        throw new IllegalArgumentException("unknown type " + type);
      }
      int position = index.size();
      index.put(type, position);
      return position;
    }
  }

  // ---- reading

  /**
   * The AST of {@link #encode}'s bytes.
   *
   * @throws IllegalArgumentException when the bytes are damaged
   */
  static CelAbstractSyntaxTree decode(byte[] bytes, int offset, int length) {
    try {
      return new Reader(bytes, offset, length).ast();
    } catch (IndexOutOfBoundsException | ClassCastException e) {
      throw new IllegalArgumentException("damaged rule", e);
    }
  }

  private static final class Reader {
    private final byte[] bytes;
    private final int end;
    private int position;
    private String[] strings;
    private CelType[] types;

    Reader(byte[] bytes, int offset, int length) {
      if (offset < 0 || length < 0 || offset + length > bytes.length) {
        throw new IllegalArgumentException("damaged rule");
      }
      this.bytes = bytes;
      this.position = offset;
      this.end = offset + length;
    }

    CelAbstractSyntaxTree ast() {
      strings = new String[count()];
      for (int i = 0; i < strings.length; i++) {
        int length = count();
        if (length > end - position) {
          throw new IllegalArgumentException("damaged rule");
        }
        strings[i] = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
      }
      types = new CelType[count()];
      for (int i = 0; i < types.length; i++) {
        types[i] = type();
      }
      CelExpr expr = expr();
      CelSource.Builder source = CelSource.newBuilder().setDescription(string());
      int lines = count();
      for (int i = 0; i < lines; i++) {
        source.addLineOffsets((int) signed());
      }
      int positions = count();
      Map<Long, Integer> positionMap = new HashMap<>(positions * 2);
      for (int i = 0; i < positions; i++) {
        positionMap.put(number(), (int) signed());
      }
      source.addPositionsMap(positionMap);
      int macroCalls = count();
      for (int i = 0; i < macroCalls; i++) {
        source.addMacroCalls(number(), expr());
      }
      int extensions = count();
      for (int i = 0; i < extensions; i++) {
        source.addAllExtensions(EXTENSIONS.get(count()));
      }
      int referenceCount = count();
      ImmutableMap.Builder<Long, CelReference> references =
          ImmutableMap.builderWithExpectedSize(referenceCount);
      for (int i = 0; i < referenceCount; i++) {
        long id = number();
        CelReference.Builder reference = CelReference.newBuilder().setName(string());
        int overloads = count();
        for (int j = 0; j < overloads; j++) {
          reference.addOverloadIds(string());
        }
        if (flag()) {
          reference.setValue(constant());
        }
        references.put(id, reference.build());
      }
      int typeCount = count();
      ImmutableMap.Builder<Long, CelType> typeMap = ImmutableMap.builderWithExpectedSize(typeCount);
      for (int i = 0; i < typeCount; i++) {
        typeMap.put(number(), types[count()]);
      }
      if (position != end) {
        throw new IllegalArgumentException("damaged rule");
      }
      return CelAbstractSyntaxTree.newCheckedAst(
          expr, source.build(), references.buildOrThrow(), typeMap.buildOrThrow());
    }

    private CelExpr expr() {
      int kind = bytes[position++];
      long id = number();
      switch (kind) {
        case NOT_SET:
          return CelExpr.ofNotSet(id);
        case CONSTANT:
          return CelExpr.ofConstant(id, constant());
        case IDENT:
          return CelExpr.ofIdent(id, string());
        case SELECT:
          {
            CelExpr operand = expr();
            return CelExpr.ofSelect(id, operand, string(), flag());
          }
        case CALL:
          {
            CelExpr target = flag() ? expr() : null;
            String function = string();
            return CelExpr.ofCall(
                id, java.util.Optional.ofNullable(target), function, exprs(count()));
          }
        case LIST:
          {
            ImmutableList<CelExpr> elements = exprs(count());
            int optional = count();
            ImmutableList.Builder<Integer> indices =
                ImmutableList.builderWithExpectedSize(optional);
            for (int i = 0; i < optional; i++) {
              indices.add(count());
            }
            return CelExpr.ofList(id, elements, indices.build());
          }
        case STRUCT:
          {
            String message = string();
            int size = count();
            ImmutableList.Builder<CelExpr.CelStruct.Entry> entries =
                ImmutableList.builderWithExpectedSize(size);
            for (int i = 0; i < size; i++) {
              long entryId = number();
              String field = string();
              CelExpr value = expr();
              entries.add(CelExpr.ofStructEntry(entryId, field, value, flag()));
            }
            return CelExpr.ofStruct(id, message, entries.build());
          }
        case MAP:
          {
            int size = count();
            ImmutableList.Builder<CelExpr.CelMap.Entry> entries =
                ImmutableList.builderWithExpectedSize(size);
            for (int i = 0; i < size; i++) {
              long entryId = number();
              CelExpr key = expr();
              CelExpr value = expr();
              entries.add(CelExpr.ofMapEntry(entryId, key, value, flag()));
            }
            return CelExpr.ofMap(id, entries.build());
          }
        case COMPREHENSION:
          {
            String iterVar = string();
            String iterVar2 = string();
            String accuVar = string();
            CelExpr range = expr();
            CelExpr init = expr();
            CelExpr condition = expr();
            CelExpr step = expr();
            CelExpr result = expr();
            return CelExpr.ofComprehension(
                id, iterVar, iterVar2, range, accuVar, init, condition, step, result);
          }
        default:
          throw new IllegalArgumentException("damaged rule");
      }
    }

    private ImmutableList<CelExpr> exprs(int size) {
      CelExpr[] exprs = new CelExpr[size];
      for (int i = 0; i < size; i++) {
        exprs[i] = expr();
      }
      return ImmutableList.copyOf(exprs);
    }

    private CelConstant constant() {
      int kind = bytes[position++];
      switch (kind) {
        case C_NOT_SET:
          return CelConstant.ofNotSet();
        case C_NULL:
          return CelConstant.ofValue(NullValue.NULL_VALUE);
        case C_FALSE:
          return CelConstant.ofValue(false);
        case C_TRUE:
          return CelConstant.ofValue(true);
        case C_INT:
          return CelConstant.ofValue(signed());
        case C_UINT:
          return CelConstant.ofValue(
              com.google.common.primitives.UnsignedLong.fromLongBits(fixed()));
        case C_DOUBLE:
          return CelConstant.ofValue(Double.longBitsToDouble(fixed()));
        case C_STRING:
          return CelConstant.ofValue(string());
        case C_BYTES:
          {
            int length = count();
            if (length > end - position) {
              throw new IllegalArgumentException("damaged rule");
            }
            byte[] value = new byte[length];
            System.arraycopy(bytes, position, value, 0, length);
            position += length;
            return CelConstant.ofValue(CelByteString.of(value));
          }
        default:
          throw new IllegalArgumentException("damaged rule");
      }
    }

    private CelType type() {
      int tag = bytes[position++];
      switch (tag) {
        case T_SIMPLE:
          return SIMPLE_TYPES.get(count());
        case T_LIST:
          return ListType.create(types[count()]);
        case T_MAP:
          {
            CelType key = types[count()];
            return MapType.create(key, types[count()]);
          }
        case T_TYPE:
          return TypeType.create(types[count()]);
        case T_OPTIONAL:
          return OptionalType.create(types[count()]);
        case T_OPAQUE:
          {
            String name = string();
            int size = count();
            CelType[] parameters = new CelType[size];
            for (int i = 0; i < size; i++) {
              parameters[i] = types[count()];
            }
            return OpaqueType.create(name, parameters);
          }
        case T_PARAM:
          return TypeParamType.create(string());
        case T_NULLABLE:
          return NullableType.create(types[count()]);
        default:
          throw new IllegalArgumentException("damaged rule");
      }
    }

    private String string() {
      return strings[count()];
    }

    private boolean flag() {
      return bytes[position++] != 0;
    }

    private int count() {
      long value = number();
      if (value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("damaged rule");
      }
      return (int) value;
    }

    private long number() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= end) {
          throw new IllegalArgumentException("damaged rule");
        }
        int next = bytes[position++];
        value |= (long) (next & 0x7F) << shift;
        if ((next & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("damaged rule");
    }

    private long signed() {
      long raw = number();
      return (raw >>> 1) ^ -(raw & 1);
    }

    private long fixed() {
      if (end - position < 8) {
        throw new IllegalArgumentException("damaged rule");
      }
      long value = 0;
      for (int shift = 0; shift < 64; shift += 8) {
        value |= (bytes[position++] & 0xFFL) << shift;
      }
      return value;
    }
  }
}
