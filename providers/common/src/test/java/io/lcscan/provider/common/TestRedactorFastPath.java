package io.lcscan.provider.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Redactor#redactText} skips its patterns when {@link Redactor#mayMatch} rules them out:
 * these tests hold that shortcut to exactly what the patterns alone would do.
 */
class TestRedactorFastPath {

  private static final String KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String JWT =
      "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

  private static final List<String> SECRET_LOOKING =
      List.of(
          "password=hunter2",
          "DB_PASSWORD=hunter2 next",
          "password: \"a b\"",
          "PASSWD='x y'",
          "pwd=1",
          "sig=abc&se=2030",
          "?sv=2022-11-02&sig=AbC%2Bdef",
          "api-key: 123",
          "ApiKey=zzz",
          "x-access_key = q",
          "private_key:abc",
          "AccountKey=Zm9vYmFy==;EndpointSuffix=core.windows.net",
          "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==;",
          "Server=tcp:db.example.net,1433;User ID=sa;Password=Pa55w0rd;",
          "SharedAccessKey=abc;SharedAccessKeyName=root",
          "connection_string=Server=x",
          "client_credentials: s3cr3t",
          "credential=abc",
          "signature = deadbeef",
          "token:abc",
          "\"token\" : \"abc\"",
          "my.secret.value=1",
          "aws_secret_access_key = " + KEY,
          "AWS_SECRET_KEY:" + KEY,
          "secretAccessKey='" + KEY + "'",
          KEY,
          "the key is " + KEY + ", keep it safe",
          "AKIAIOSFODNN7EXAMPLE",
          "id ASIAY34FZKBOKMUTVV7A.",
          "ABIA1234567890ABCDEF ACCA1234567890ABCDEF",
          "postgres://admin:pw@db:5432/app",
          "x=1.2+git+ssh://deploy:s3cr3t@git.example.com/repo",
          "https://user:p%40ss@host/path",
          "mongodb+srv://u:p@cluster0.example.net/db",
          "Authorization: Bearer abcdefghijklmnop",
          "basic dXNlcjpwYXNzd29yZA==",
          "BEARER\tabcdefgh12345678",
          JWT,
          "token " + JWT,
          "ghp_" + "a".repeat(36),
          "gho_0123456789abcdefghijklmnopqrstuvwxyzAB",
          "xoxb-1234567890-abcdefghij",
          "AIza" + "B".repeat(35),
          "sk_live_0123456789abcdef",
          "rk_live_abcdefABCDEF0123",
          "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----",
          "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
          "パスワード password=秘密の値 です",
          "接続文字列: Server=x;Password=パス;",
          "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:db-AbCdEf",
          "secretsmanager:us-east-1");

  private static final List<String> INNOCENT =
      List.of(
          "",
          "a",
          "ap-northeast-1",
          "t3.micro",
          "arn:aws:iam::123456789012:role/lcscan-audit",
          "arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          "vol-0123456789abcdef0",
          "2026-01-01T00:00:00Z",
          "Password policy for the team",
          "key rotation is enabled",
          "tokens are rotated daily",
          "passwordless sign-in",
          "-----BEGINNING-----",
          "gh-pages",
          "ghp-not-a-token",
          "xo-xo",
          "AIza",
          "basic",
          "bearer:",
          "eyJ",
          "sha256:" + "0123456789abcdef".repeat(4),
          "role/" + "a1B2c3D4".repeat(5),
          "本番環境のデータベース（機密性：高）",
          "暗号化キーは KMS で管理する",
          "ＡＫＩＡ全角は対象外",
          "AKIAIOSFODNN7EXAMPL",
          "a".repeat(39),
          "Ab1".repeat(13),
          "=".repeat(100),
          "Long prose, ".repeat(2_000),
          "日本語の長い説明文。".repeat(5_000));

  @Test
  void theShortcutRedactsExactlyWhatThePatternsDo() throws IOException {
    List<String> corpus = new ArrayList<>();
    corpus.addAll(SECRET_LOOKING);
    corpus.addAll(INNOCENT);
    for (String line : lines("redaction/secrets.tsv")) {
      corpus.add(line.split("\t")[0].replace("\\n", "\n"));
    }
    corpus.addAll(lines("redaction/benign.txt"));
    corpus.add(
        Base64.getEncoder().encodeToString("user,password_enabled\n".repeat(500).getBytes()));
    corpus.add("x".repeat(100_000) + " password=hunter2");
    corpus.add("y".repeat(100_000) + KEY + "!");
    List<String> variants = new ArrayList<>();
    for (String text : corpus) {
      variants.add(text);
      variants.add(" " + text + " ");
      variants.add("\"" + text + "\"");
      variants.add(text.toUpperCase(java.util.Locale.ROOT));
      variants.add(text.toLowerCase(java.util.Locale.ROOT));
      variants.add("説明：" + text + "。");
    }
    int redacted = 0;
    int skipped = 0;
    for (String text : variants) {
      String expected = Redactor.redactWithPatterns(text);
      assertThat(Redactor.redactText(text)).as(abbreviate(text)).isEqualTo(expected);
      if (!Redactor.mayMatch(text)) {
        skipped++;
        assertThat(expected).as(abbreviate(text)).isEqualTo(text);
      }
      if (!expected.equals(text)) {
        redacted++;
      }
    }
    // both sides of the shortcut are exercised
    assertThat(redacted).isGreaterThan(300);
    assertThat(skipped).isGreaterThan(100);
    for (String secret : SECRET_LOOKING) {
      assertThat(Redactor.redactText(secret)).as(secret).contains(Redactor.REDACTED);
    }
  }

  @Test
  void theShortcutNeverSkipsARandomStringThePatternsWouldChange() {
    // pieces of every pattern, glued at random: most strings are near misses
    String[] pieces = {
      "password",
      "PassWord",
      "pwd",
      "passphrase",
      "secret",
      "Token",
      "api_key",
      "api-Key",
      "AccessKey",
      "private-key",
      "AccountKey",
      "shared_access_key",
      "ConnectionString",
      "credentials",
      "signature",
      "sig",
      "aws_secret_access_key",
      "_",
      "-",
      ".",
      ":",
      "=",
      " = ",
      "\t",
      "\n",
      "\"",
      "'",
      ";",
      "&",
      ",",
      "/",
      "+",
      "@",
      "://",
      "ssh",
      "user",
      "pw",
      "bearer ",
      "Basic ",
      "eyJ",
      "abcde",
      "ghp_",
      "gho_",
      "xoxb-",
      "xox",
      "AIza",
      "sk_live_",
      "rk_live_",
      "AKIA",
      "ASIA",
      "ABIA",
      "ACCA",
      "0123456789ABCDEF",
      "ABCDEFGHIJKLMNOP",
      "-----BEGIN ",
      "-----END ",
      "RSA KEY",
      "-----",
      KEY,
      KEY.substring(0, 20),
      KEY.substring(20),
      "arn:aws:",
      "kms",
      "key/",
      "本番",
      "パスワード",
      "ＫＥＹ",
      "é",
      "K",
      "ſ",
      "x",
      "Z9",
      "<",
      ">",
    };
    Random random = new Random(20_240_611L);
    int redacted = 0;
    int skipped = 0;
    for (int n = 0; n < 30_000; n++) {
      StringBuilder text = new StringBuilder();
      int parts = 1 + random.nextInt(8);
      for (int p = 0; p < parts; p++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String input = text.toString();
      String expected = Redactor.redactWithPatterns(input);
      if (!Redactor.mayMatch(input)) {
        skipped++;
        assertThat(expected).as(input).isEqualTo(input);
      }
      if (!expected.equals(input)) {
        redacted++;
      }
      assertThat(Redactor.redactText(input)).as(input).isEqualTo(expected);
    }
    assertThat(redacted).isGreaterThan(3_000);
    assertThat(skipped).isGreaterThan(3_000);
  }

  private static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "… (" + text.length() + ")" : text;
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in =
        TestRedactorFastPath.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .toList();
    }
  }
}
