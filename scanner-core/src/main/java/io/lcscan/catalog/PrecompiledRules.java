package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.CodedInputStream;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.expr.CheckedExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.Program;
import io.lcscan.config.ClassStamps;
import io.lcscan.config.ResourceBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Rules compiled when lcscan was built: the checked and optimized AST of every rule of the bundled
 * catalog, with what each rule reads, keyed by the catalog digest. Loading a catalog with that
 * digest takes its rules from here instead of type-checking and optimizing them again, which is
 * most of a plan scan's time (BENCHMARKS.md, "Terraform plan scan: startup"); programs are planned
 * on first use ({@link CompiledRule#program()}).
 *
 * <p>The file ({@link #RESOURCE}) is a header (format, compiler fingerprint, catalog digest, the
 * standard functions and libraries the rules call) and one record per rule: control id, resource
 * type, source, the reads, and the AST. The AST is held in {@link StoredAst}'s compact form, which
 * loads without protobuf, or as a protobuf {@code CheckedExpr} when that form cannot hold it
 * exactly. A file of another format or compiler, or for another catalog, is ignored.
 */
public final class PrecompiledRules {
  /** Where the build puts the file, beside the bundled catalog. */
  public static final String RESOURCE = "lcscan-config/compiled-rules.bin";

  static final String MAGIC = "lcscan compiled rules";
  static final int FORMAT = 3;

  /** How a rule's AST is stored: {@link StoredAst}, or a protobuf {@code CheckedExpr}. */
  static final byte AST_LCSCAN = 0;

  static final byte AST_CHECKED_EXPR = 1;

  /**
   * Classes whose code shapes a compiled AST: the environment and macros, and CEL's optimizer and
   * AST conversion. The store's fingerprint lists their sizes and CRC-32s, so a store written by
   * other code is ignored rather than trusted.
   */
  private static final List<String> FINGERPRINTED =
      List.of(
          "io/lcscan/catalog/RuleCompiler.class",
          "io/lcscan/catalog/BindMacro.class",
          "io/lcscan/catalog/StoredAst.class",
          "dev/cel/optimizer/optimizers/SubexpressionOptimizer.class",
          "dev/cel/common/CelProtoAbstractSyntaxTree.class",
          "dev/cel/checker/ExprChecker.class");

  private static final PrecompiledRules NONE =
      new PrecompiledRules("", null, new byte[0], Map.of(), Programs.DEFAULT);

  /**
   * Whether stored rules run on {@link FastRule} where they can: {@code -Dlcscan.fastRules=false}
   * runs every rule on CEL, {@code check} runs both and prints differences
   * (docs/catalog-format.md).
   */
  private static final String FAST_RULES = System.getProperty("lcscan.fastRules", "true");

  /**
   * With {@code -Dlcscan.fastRules=check}: both ways, each difference and each evaluation left to
   * CEL printed on stderr.
   */
  private static final Programs CHECKED =
      (controlId, resourceType, fast, cel) ->
          fast.isPresent()
              ? new FastRule.Checked(
                  controlId + "[" + resourceType + "]",
                  fast.get(),
                  (rule, decided, difference) -> {
                    if (!decided) {
                      System.err.println("lcscan: fast rule " + rule + " left to CEL");
                    }
                    if (difference != null) {
                      System.err.println("lcscan: fast rule " + rule + " differs: " + difference);
                    }
                  })
              : cel.get();

  /** How a stored rule's program is made: its {@link FastRule} when it has one, else CEL's. */
  interface Programs {
    Programs DEFAULT =
        (controlId, resourceType, fast, cel) -> fast.isPresent() ? fast.get() : cel.get();

    /**
     * @param fast the rule without the CEL runtime, when it uses only what {@link FastRule}
     *     implements
     * @param cel plans the rule on {@link #runtime()}
     */
    Program program(
        String controlId, String resourceType, Optional<FastRule> fast, Supplier<Program> cel);
  }

  private final String digest;
  // what the rules call (RuleCompiler#needs); null: every function
  private final Set<String> needs;
  private final byte[] bytes;
  private final Map<String, Entry> entries;
  private final Programs programs;
  private volatile CelRuntime runtime;

  private record Entry(
      String controlId,
      String resourceType,
      String source,
      List<String> attributePaths,
      List<String> resourceFields,
      List<String> settingsPaths,
      Set<String> lookupTypes,
      boolean readsChange,
      byte astFormat,
      int astOffset,
      int astLength) {}

  private PrecompiledRules(
      String digest,
      Set<String> needs,
      byte[] bytes,
      Map<String, Entry> entries,
      Programs programs) {
    this.digest = digest;
    this.needs = needs;
    this.bytes = bytes;
    this.entries = entries;
    this.programs = programs;
  }

  /** These rules with programs made by {@code programs} (tests compare the two ways with it). */
  PrecompiledRules withPrograms(Programs programs) {
    return new PrecompiledRules(digest, needs, bytes, entries, requireNonNull(programs));
  }

  /** No rules: everything is compiled. */
  public static PrecompiledRules none() {
    return NONE;
  }

  /** The rules compiled into the jar by the build, or none when it has no usable file. */
  public static PrecompiledRules bundled() {
    return BundledHolder.BUNDLED;
  }

  private static final class BundledHolder {
    static final PrecompiledRules BUNDLED = loadBundled();
  }

  private static PrecompiledRules loadBundled() {
    try {
      Optional<byte[]> bytes =
          ResourceBytes.read(PrecompiledRules.class.getClassLoader(), RESOURCE);
      return bytes.isEmpty() ? NONE : read(bytes.get());
    } catch (IOException | RuntimeException e) {
      // an unreadable store only costs time: the rules are compiled
      return NONE;
    }
  }

  /**
   * Parses a store. Returns {@link #none()} when it was written in another format or by another
   * compiler.
   *
   * @throws IOException when the bytes are not a store or are truncated
   */
  public static PrecompiledRules read(byte[] bytes) throws IOException {
    requireNonNull(bytes, "bytes is null");
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    if (!MAGIC.equals(in.readUTF())) {
      throw new IOException("not a compiled-rules file");
    }
    if (in.readInt() != FORMAT || !fingerprint().equals(in.readUTF())) {
      return NONE;
    }
    String digest = in.readUTF();
    Set<String> needs = Set.copyOf(strings(in));
    int count = in.readInt();
    Map<String, Entry> entries = new HashMap<>();
    for (int i = 0; i < count; i++) {
      String controlId = in.readUTF();
      String resourceType = in.readUTF();
      String source = text(in);
      List<String> attributePaths = strings(in);
      List<String> resourceFields = strings(in);
      List<String> settingsPaths = strings(in);
      Set<String> lookupTypes = new TreeSet<>(strings(in));
      boolean readsChange = in.readBoolean();
      byte astFormat = in.readByte();
      if (astFormat != AST_LCSCAN && astFormat != AST_CHECKED_EXPR) {
        throw new IOException("unknown rule format in compiled-rules file");
      }
      int length = in.readInt();
      int offset = bytes.length - in.available();
      if (length < 0 || in.skipBytes(length) != length) {
        throw new IOException("truncated compiled-rules file");
      }
      entries.put(
          key(controlId, resourceType),
          new Entry(
              controlId,
              resourceType,
              source,
              attributePaths,
              resourceFields,
              settingsPaths,
              lookupTypes,
              readsChange,
              astFormat,
              offset,
              length));
    }
    if (in.available() != 0) {
      throw new IOException("trailing bytes in compiled-rules file");
    }
    return new PrecompiledRules(digest, needs, bytes, Map.copyOf(entries), Programs.DEFAULT);
  }

  /**
   * Writes the rules of a catalog that this process compiled, keyed by its digest.
   *
   * @throws IllegalArgumentException when a rule was not compiled here (it has no AST to store)
   */
  public static void write(Catalog catalog, OutputStream out) throws IOException {
    requireNonNull(catalog, "catalog is null");
    List<CompiledRule> rules = new ArrayList<>();
    for (Control control : catalog.controls()) {
      rules.addAll(catalog.rules(control.id()).values());
    }
    List<byte[]> records = new ArrayList<>();
    List<CelAbstractSyntaxTree> storedAsts = new ArrayList<>();
    for (CompiledRule rule : rules) {
      CelAbstractSyntaxTree ast = rule.checkedAst();
      if (ast == null) {
        throw new IllegalArgumentException(rule.controlId() + "[" + rule.resourceType() + "]");
      }
      CheckedExpr checkedExpr = CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr();
      // what a load would read back from the CheckedExpr: the compact form must give exactly that
      CelAbstractSyntaxTree stored =
          CelProtoAbstractSyntaxTree.fromCheckedExpr(checkedExpr).getAst();
      storedAsts.add(stored);
      byte astFormat = AST_LCSCAN;
      byte[] astBytes;
      try {
        astBytes = StoredAst.encode(stored);
        if (!StoredAst.decode(astBytes, 0, astBytes.length).equals(stored)) {
          throw new IllegalArgumentException("not read back exactly");
        }
      } catch (IllegalArgumentException e) {
        astFormat = AST_CHECKED_EXPR;
        astBytes = checkedExpr.toByteArray();
      }
      ByteArrayOutputStream record = new ByteArrayOutputStream();
      DataOutputStream data = new DataOutputStream(record);
      data.writeUTF(rule.controlId());
      data.writeUTF(rule.resourceType());
      text(data, rule.source());
      strings(data, rule.attributePaths());
      strings(data, rule.resourceFields());
      strings(data, rule.settingsPaths());
      strings(data, List.copyOf(new TreeSet<>(rule.lookupTypes())));
      data.writeBoolean(rule.readsChange());
      data.writeByte(astFormat);
      data.writeInt(astBytes.length);
      data.write(astBytes);
      data.flush();
      records.add(record.toByteArray());
    }
    DataOutputStream data = new DataOutputStream(out);
    data.writeUTF(MAGIC);
    data.writeInt(FORMAT);
    data.writeUTF(fingerprint());
    data.writeUTF(catalog.digest());
    strings(data, List.copyOf(RuleCompiler.needs(storedAsts)));
    data.writeInt(records.size());
    for (byte[] record : records) {
      data.write(record);
    }
    data.flush();
  }

  /** The store as bytes; see {@link #write(Catalog, OutputStream)}. */
  public static byte[] toBytes(Catalog catalog) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(catalog, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The digest of the catalog these rules were compiled from; empty for {@link #none()}. */
  public String digest() {
    return digest;
  }

  /**
   * The runtime the stored rules are planned on: with only the functions they call (listed at build
   * time), or every function when the store does not list them ({@link #none()}).
   */
  public CelRuntime runtime() {
    if (needs == null) {
      return RuleCompiler.fullRuntime();
    }
    CelRuntime built = runtime;
    if (built == null) {
      synchronized (this) {
        built = runtime;
        if (built == null) {
          built = RuleCompiler.newRuntime(needs);
          runtime = built;
        }
      }
    }
    return built;
  }

  /** What the stored rules call ({@code RuleCompiler#needs}); empty for {@link #none()}. */
  Set<String> needs() {
    return needs == null ? Set.of() : needs;
  }

  /** Number of rules held. */
  public int size() {
    return entries.size();
  }

  /** These rules when they were compiled from the catalog of {@code catalogDigest}, else none. */
  public PrecompiledRules forCatalog(String catalogDigest) {
    return !entries.isEmpty() && digest.equals(catalogDigest) ? this : NONE;
  }

  /**
   * The stored rule for a control and type when its source is {@code source}, to be planned on
   * first use.
   */
  Optional<CompiledRule> rule(String controlId, String resourceType, String source) {
    Entry entry = entries.get(key(controlId, resourceType));
    if (entry == null || !entry.source().equals(source)) {
      return Optional.empty();
    }
    return Optional.of(
        new CompiledRule(
            entry.controlId(),
            entry.resourceType(),
            entry.source(),
            () -> plan(entry),
            entry.attributePaths(),
            entry.resourceFields(),
            entry.settingsPaths(),
            entry.lookupTypes(),
            entry.readsChange()));
  }

  private Program plan(Entry entry) {
    CelAbstractSyntaxTree ast;
    try {
      ast = ast(entry);
    } catch (IOException | IllegalArgumentException e) {
      throw cannotPlan(entry, e);
    }
    Supplier<Program> cel =
        () -> {
          try {
            return runtime().createProgram(ast);
          } catch (CelEvaluationException | IllegalArgumentException e) {
            throw cannotPlan(entry, e);
          }
        };
    Optional<FastRule> fast = FAST_RULES.equals("false") ? Optional.empty() : FastRule.of(ast, cel);
    Programs making =
        FAST_RULES.equals("check") && programs == Programs.DEFAULT ? CHECKED : programs;
    return making.program(entry.controlId(), entry.resourceType(), fast, cel);
  }

  private static IllegalStateException cannotPlan(Entry entry, Exception e) {
    return new IllegalStateException(
        "cannot plan the compiled rule of "
            + entry.controlId()
            + " for "
            + entry.resourceType()
            + ": "
            + RuleCompiler.oneLine(e.getMessage()),
        e);
  }

  private CelAbstractSyntaxTree ast(Entry entry) throws IOException {
    if (entry.astFormat() == AST_LCSCAN) {
      return StoredAst.decode(bytes, entry.astOffset(), entry.astLength());
    }
    CheckedExpr checked =
        CheckedExpr.parseFrom(
            CodedInputStream.newInstance(bytes, entry.astOffset(), entry.astLength()));
    return CelProtoAbstractSyntaxTree.fromCheckedExpr(checked).getAst();
  }

  /** How each stored rule's AST is held ({@link #AST_LCSCAN} or {@link #AST_CHECKED_EXPR}). */
  Map<String, Byte> astFormats() {
    Map<String, Byte> formats = new HashMap<>();
    entries.forEach((key, entry) -> formats.put(key, entry.astFormat()));
    return formats;
  }

  /** The stored AST of a rule, for tests; empty when the store does not hold the rule. */
  Optional<CelAbstractSyntaxTree> storedAst(String controlId, String resourceType)
      throws IOException {
    Entry entry = entries.get(key(controlId, resourceType));
    return entry == null ? Optional.empty() : Optional.of(ast(entry));
  }

  private static String key(String controlId, String resourceType) {
    return controlId + "\u0000" + resourceType;
  }

  /**
   * The format and the names, sizes and CRC-32s of {@link #FINGERPRINTED} ({@link ClassStamps}).
   */
  static String fingerprint() {
    return FingerprintHolder.FINGERPRINT;
  }

  private static final class FingerprintHolder {
    static final String FINGERPRINT =
        ClassStamps.of(PrecompiledRules.class.getClassLoader(), FORMAT, FINGERPRINTED);
  }

  private static void text(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String text(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("truncated compiled-rules file");
    }
    byte[] utf8 = new byte[length];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void strings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      text(out, value);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > in.available()) {
      throw new IOException("truncated compiled-rules file");
    }
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(text(in));
    }
    return values;
  }
}
