package io.lcscan.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/** What a reader of the HTML report sees and does, over one open report. */
final class ReportPage {

  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private final Chromium chromium;
  private final ChromeDriver driver;

  ReportPage(Chromium chromium) {
    this.chromium = chromium;
    this.driver = chromium.driver();
  }

  ChromeDriver driver() {
    return driver;
  }

  /** The count a summary chart shows for one bar, such as {@code status-FAIL}. */
  long bar(String key) {
    WebElement row = driver.findElement(By.cssSelector("g.bar-row[data-key='" + key + "']"));
    String shown =
        (String)
            driver.executeScript("return arguments[0].querySelector('text.num').textContent", row);
    assertThat(row.getAttribute("data-count")).as(key).isEqualTo(shown);
    return Long.parseLong(shown);
  }

  /** The numbers of the pager line: page, pages, matching findings, all findings. */
  long[] pageInfo() {
    String text = driver.findElement(By.id("page-info")).getText();
    Matcher matcher = NUMBER.matcher(text);
    List<Long> numbers = new ArrayList<>();
    while (matcher.find()) {
      numbers.add(Long.parseLong(matcher.group()));
    }
    assertThat(numbers).as(text).hasSize(4);
    return numbers.stream().mapToLong(Long::longValue).toArray();
  }

  long matching() {
    return pageInfo()[2];
  }

  List<WebElement> rows() {
    return driver.findElements(By.cssSelector("#rows tr"));
  }

  /** Picks the option of a filter whose dictionary value is {@code value} ("" for all). */
  void filter(String field, String value) {
    Select select =
        new Select(driver.findElement(By.cssSelector("select[data-f='" + field + "']")));
    if (value.isEmpty()) {
      select.selectByValue("");
      return;
    }
    Long index =
        (Long)
            driver.executeScript(
                "return JSON.parse(document.getElementById('lc-data').textContent)"
                    + ".dict[arguments[0]].indexOf(arguments[1])",
                field,
                value);
    assertThat(index).as(field + " " + value + " in the report's dictionary").isNotNegative();
    select.selectByValue(String.valueOf(index));
  }

  /** Types into the text filter (set and announced as one input event) and waits for the rows. */
  void search(String text) {
    String before = driver.findElement(By.id("page-info")).getText();
    driver.executeScript(
        "var q = document.getElementById('q'); q.value = arguments[0];"
            + " q.dispatchEvent(new Event('input'));",
        text);
    // the filter applies after a short pause in typing; wait until the pager line was rewritten
    driver.executeAsyncScript(
        "var done = arguments[arguments.length - 1], info = document.getElementById('page-info');"
            + "var observer = new MutationObserver(function () { observer.disconnect(); done(); });"
            + "observer.observe(info, {childList: true, characterData: true, subtree: true});"
            + "setTimeout(function () { observer.disconnect(); done(); }, 3000);");
    assertThat(before).isNotNull();
  }

  /** Clicks as a reader would, with the element scrolled clear of the sticky header. */
  void click(WebElement element) {
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    element.click();
  }

  void reset() {
    click(driver.findElement(By.id("reset")));
  }

  void language(String lang) {
    click(driver.findElement(By.cssSelector(".lang-switch button[data-lang='" + lang + "']")));
    assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
  }

  String heading() {
    return driver.findElement(By.cssSelector("header.top h1")).getText();
  }

  /** Text of every cell of the findings table, exactly as written into the page. */
  List<String> cellTexts() {
    @SuppressWarnings("unchecked")
    List<String> texts =
        (List<String>)
            driver.executeScript(
                "return Array.prototype.map.call(document.querySelectorAll('#rows td'),"
                    + " function (td) { return td.textContent; });");
    return texts;
  }

  String textOf(String selector) {
    return (String)
        driver.executeScript(
            "var e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
            selector);
  }

  Path screenshot(Path file) {
    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** No dialog is open: an injected script would have opened one. */
  void assertNoAlert() {
    try {
      String text = driver.switchTo().alert().getText();
      throw new AssertionError("an alert dialog is open: " + text);
    } catch (NoAlertPresentException expected) {
      // what a safe report gives
    }
  }

  /** No dialog, no flag, no marker element, and no element or attribute the report never makes. */
  void assertSafe() {
    assertNoAlert();
    @SuppressWarnings("unchecked")
    List<String> problems = (List<String>) driver.executeScript(SAFETY_SCRIPT);
    assertThat(problems).as("signs of injected markup or script").isEmpty();
  }

  // one round trip per check: everything an executed payload or injected markup would leave
  private static final String SAFETY_SCRIPT =
      "var found = [];"
          + "if (window.__xss !== undefined) { found.push('window.__xss=' + window.__xss); }"
          + "if (document.getElementById('xss-marker')) { found.push('#xss-marker exists'); }"
          + "var scripts = document.querySelectorAll('script').length;"
          + "if (scripts !== 2) { found.push(scripts + ' script elements'); }"
          + "var styles = document.querySelectorAll('style').length;"
          + "if (styles !== 1) { found.push(styles + ' style elements'); }"
          + "document.querySelectorAll('img, iframe, object, embed, math, template, b, link, base,"
          + " form, meta[http-equiv=refresh]').forEach(function (e) {"
          + "  found.push('element ' + e.tagName); });"
          + "document.querySelectorAll('*').forEach(function (e) {"
          + "  for (var i = 0; i < e.attributes.length; i++) {"
          + "    var a = e.attributes[i];"
          + "    if (/^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)) {"
          + "      found.push(e.tagName + ' ' + a.name + '=' + a.value);"
          + "    }"
          + "  }"
          + "});"
          + "document.querySelectorAll('[href]').forEach(function (e) {"
          + "  if (e.getAttribute('href').charAt(0) !== '#') {"
          + "    found.push(e.tagName + ' href=' + e.getAttribute('href'));"
          + "  }"
          + "});"
          + "return found;";

  Chromium chromium() {
    return chromium;
  }
}
