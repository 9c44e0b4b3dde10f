package io.lcscan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a cold start loads: making a renderer builds nothing (no Freemarker, no ObjectMapper), and
 * writing the JSON, SARIF, JUnit and CSV reports of a plain model never sets up databind or the
 * java.time module. Checked in a class loader of its own, so other tests cannot have loaded them.
 */
class TestColdPath {

  private static final List<String> RENDERERS =
      List.of(
          "io.lcscan.report.json.JsonRenderer",
          "io.lcscan.report.sarif.SarifRenderer",
          "io.lcscan.report.junit.JUnitRenderer",
          "io.lcscan.report.csv.CsvRenderer",
          "io.lcscan.report.table.TableRenderer",
          "io.lcscan.report.html.HtmlRenderer");

  private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper";
  private static final String TIME_MODULE = "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule";
  private static final String FREEMARKER = "freemarker.template.Configuration";

  @Test
  void makingEveryRendererBuildsNothing() throws Exception {
    try (Isolated loader = new Isolated()) {
      for (String renderer : RENDERERS) {
        loader.loadClass(renderer).getConstructor().newInstance();
      }

      assertThat(loader.loaded(FREEMARKER)).isFalse();
      assertThat(loader.loaded(MAPPER)).isFalse();
      assertThat(loader.loaded(TIME_MODULE)).isFalse();
      // the check can see a class once it is loaded
      loader.loadClass(FREEMARKER);
      assertThat(loader.loaded(FREEMARKER)).isTrue();
    }
  }

  @Test
  void theMachineFormatsWriteWithoutDatabind() throws Exception {
    try (Isolated loader = new Isolated()) {
      Class<?> fixtures = loader.loadClass(ReportFixtures.class.getName());
      Class<?> modelType = loader.loadClass(ReportModel.class.getName());
      Object model = fixtures.getMethod("modelWithEveryStatus", String.class).invoke(null, "ja");
      for (String name : RENDERERS.subList(0, 4)) {
        Object renderer = loader.loadClass(name).getConstructor().newInstance();
        Method render = renderer.getClass().getMethod("render", modelType, OutputStream.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        render.invoke(renderer, model, out);

        assertThat(out.size()).as(name).isGreaterThan(100);
        assertThat(loader.loaded(MAPPER)).as(name).isFalse();
        assertThat(loader.loaded(TIME_MODULE)).as(name).isFalse();
      }
    }
  }

  /** Loads the test class path itself rather than asking the application class loader. */
  private static final class Isolated extends URLClassLoader {
    Isolated() throws Exception {
      super(classPath(), ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }

    private static URL[] classPath() throws Exception {
      List<URL> urls = new ArrayList<>();
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        urls.add(new File(entry).toURI().toURL());
      }
      return urls.toArray(URL[]::new);
    }
  }
}
