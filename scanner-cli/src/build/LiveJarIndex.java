import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A build step of scanner-cli (see its pom.xml), run after the two shade executions: checks that
 * lcscan.jar and lcscan-live.jar share no class and no service file, then writes into lcscan.jar a
 * jar index (META-INF/INDEX.LIST) that names every package and META-INF file of lcscan-live.jar.
 *
 * <p>Why: lcscan.jar's manifest names lcscan-live.jar in its Class-Path, and the class loader opens
 * every Class-Path jar for any lookup lcscan.jar cannot answer, and for every service lookup (the
 * JDK's own logging does one as soon as java.util.logging starts). Opening the live jar reads a
 * central directory of 75,000 entries. Given an index, the JDK 17 class loader opens the live jar
 * only for a name in one of its packages. Later JDKs ignore the index and follow the Class-Path,
 * which is slower but loads the same classes.
 *
 * <p>Usage: {@code java LiveJarIndex.java target/lcscan.jar target/lcscan-live.jar}
 */
public class LiveJarIndex {

  private static final String INDEX = "META-INF/INDEX.LIST";

  public static void main(String[] args) throws IOException {
    Path main = Path.of(args[0]);
    Path live = Path.of(args[1]);
    Set<String> inMain = names(main);
    Set<String> index = new TreeSet<>();
    List<String> both = new ArrayList<>();
    for (String name : names(live)) {
      boolean service = name.startsWith("META-INF/services/") && !name.endsWith("/");
      if ((name.endsWith(".class") || service) && inMain.contains(name)) {
        both.add(name);
      }
      // the entries `jar --generate-index` would list: packages, and META-INF files by name
      if (name.equals("META-INF/")
          || name.equals(INDEX)
          || name.equals("META-INF/MANIFEST.MF")
          || name.startsWith("META-INF/versions/")) {
        continue;
      }
      if (name.startsWith("META-INF/")) {
        if (!name.endsWith("/")) {
          index.add(name);
        }
      } else {
        int slash = name.lastIndexOf('/');
        index.add(slash < 0 ? name : name.substring(0, slash));
      }
    }
    if (!both.isEmpty()) {
      // the index hides the live jar's copy on JDK 17 and not on later JDKs
      throw new IllegalStateException(
          both.size()
              + " classes or service files are in both "
              + main.getFileName()
              + " and "
              + live.getFileName()
              + ", e.g. "
              + both.get(0)
              + ": fix the artifact lists of the shade executions in scanner-cli/pom.xml");
    }
    StringBuilder text = new StringBuilder("JarIndex-Version: 1.0\n\n");
    text.append(live.getFileName()).append('\n');
    for (String entry : index) {
      text.append(entry).append('\n');
    }
    text.append('\n');
    try (FileSystem jar = FileSystems.newFileSystem(main)) {
      Files.writeString(jar.getPath(INDEX), text, StandardCharsets.UTF_8);
    }
    System.out.println(
        "lcscan: indexed " + index.size() + " packages and files of " + live.getFileName());
  }

  private static Set<String> names(Path jar) throws IOException {
    Set<String> names = new HashSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        names.add(e.nextElement().getName());
      }
    }
    return names;
  }
}
