package io.lcscan.provider.common;

import static io.lcscan.provider.common.Redactor.REDACTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestRedactor {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void redactsEverySecretOfTheCorpus() throws IOException {
    List<String> leaks = new ArrayList<>();
    int cases = 0;
    for (String line : lines("redaction/secrets.tsv")) {
      String[] parts = line.split("\t");
      String input = parts[0].replace("\\n", "\n");
      String secret = parts[1];
      String output = Redactor.redactText(input);
      cases++;
      if (output.contains(secret) || !output.contains(REDACTED)) {
        leaks.add(input + "\n    -> " + output);
      }
    }
    assertThat(cases).isGreaterThan(30);
    assertThat(leaks).as("secrets that survived redaction").isEmpty();
  }

  @Test
  void leavesIdentifiersAndProseAlone() throws IOException {
    List<String> changed = new ArrayList<>();
    for (String line : lines("redaction/benign.txt")) {
      String output = Redactor.redactText(line);
      if (!output.equals(line)) {
        changed.add(line + " -> " + output);
      }
    }
    assertThat(changed).as("benign values that were redacted").isEmpty();
  }

  @Test
  void keepsTheKeyAndQuotesOfARedactedPair() {
    assertThat(Redactor.redactText("DB_PASSWORD=hunter2 next"))
        .isEqualTo("DB_PASSWORD=[REDACTED] next");
    assertThat(Redactor.redactText("password: \"a b\"")).isEqualTo("password: \"[REDACTED]\"");
    assertThat(Redactor.redactText("postgres://admin:pw@db:5432/app"))
        .isEqualTo("postgres://admin:[REDACTED]@db:5432/app");
    // the scheme starts at the first letter of its run, wherever the run starts
    assertThat(Redactor.redactText("x=1.2+git+ssh://deploy:s3cr3t@git.example.com/repo"))
        .isEqualTo("x=1.2+git+ssh://deploy:[REDACTED]@git.example.com/repo");
  }

  @Test
  void aLongBase64BlobWithoutSecretsIsKeptAsItIs() {
    // a credential report arrives as one base64 token of hundreds of kilobytes
    StringBuilder csv = new StringBuilder("user,arn,password_enabled\n");
    for (int i = 0; i < 2_000; i++) {
      csv.append("user-").append(i).append(",arn:aws:iam::123456789012:user/user-").append(i);
      csv.append(",true\n");
    }
    String blob =
        java.util.Base64.getEncoder()
            .encodeToString(csv.toString().getBytes(StandardCharsets.UTF_8));
    String xml =
        "<GetCredentialReportResult><Content>" + blob + "</Content></GetCredentialReportResult>";
    assertThat(Redactor.redactXml(xml, Set.of("SecretAccessKey"))).isEqualTo(xml);
  }

  @Test
  void redactsSecretNamedFieldsAndWholeFieldsOfJson() throws IOException {
    JsonNode tree =
        JSON.readTree(
            """
            {"Functions": [{"FunctionName": "app",
                            "Environment": {"Variables": {"LOG_LEVEL": "debug", "TABLE": "orders"}},
                            "Description": "uses password=hunter2"}],
             "Credentials": {"AccessKeyId": "ASIAY34FZKBOKMUTVV7A", "SecretAccessKey": "x", "Expiration": "2026"},
             "MasterUserPassword": "p4ss", "PasswordEnabled": true, "PasswordLastUsed": "2026-01-01",
             "NextToken": "abc", "UserData": "IyEvYmluL2Jhc2gKZWNobyBoaQ=="}
            """);
    JsonNode redacted = Redactor.redactJson(tree, Set.of("Environment.Variables", "UserData"));
    JsonNode function = redacted.get("Functions").get(0);
    assertThat(function.get("FunctionName").asText()).isEqualTo("app");
    assertThat(function.at("/Environment/Variables/LOG_LEVEL").asText()).isEqualTo(REDACTED);
    assertThat(function.at("/Environment/Variables/TABLE").asText()).isEqualTo(REDACTED);
    assertThat(function.get("Description").asText()).isEqualTo("uses password=[REDACTED]");
    assertThat(redacted.at("/Credentials/AccessKeyId").asText()).isEqualTo(REDACTED);
    assertThat(redacted.at("/Credentials/Expiration").asText()).isEqualTo(REDACTED);
    assertThat(redacted.get("MasterUserPassword").asText()).isEqualTo(REDACTED);
    assertThat(redacted.get("PasswordEnabled").asBoolean()).isTrue();
    assertThat(redacted.get("PasswordLastUsed").asText()).isEqualTo("2026-01-01");
    assertThat(redacted.get("NextToken").asText()).isEqualTo("abc");
    assertThat(redacted.get("UserData").asText()).isEqualTo(REDACTED);
  }

  @Test
  void redactsWholeAndSecretNamedXmlElements() {
    String xml =
        """
        <DescribeLaunchTemplateVersionsResponse>
          <launchTemplateVersionSet><item><launchTemplateData>
            <imageId>ami-0abcdef1234567890</imageId>
            <userData>IyEvYmluL2Jhc2gKZXhwb3J0IFBBU1M9aHVudGVyMg==</userData>
          </launchTemplateData></item></launchTemplateVersionSet>
          <instanceAttribute><userData><value>c2VjcmV0</value></userData></instanceAttribute>
          <MasterUserPassword>p4ss</MasterUserPassword>
          <PasswordReusePrevention>24</PasswordReusePrevention>
        </DescribeLaunchTemplateVersionsResponse>
        """;
    String redacted = Redactor.redactXml(xml, Set.of("userData"));
    assertThat(redacted)
        .contains("<imageId>ami-0abcdef1234567890</imageId>")
        .contains("<userData>[REDACTED]</userData>")
        .contains("<MasterUserPassword>[REDACTED]</MasterUserPassword>")
        .contains("<PasswordReusePrevention>24</PasswordReusePrevention>")
        .doesNotContain("IyEvYmluL2Jhc2gK")
        .doesNotContain("c2VjcmV0")
        .doesNotContain("p4ss");
  }

  @Test
  void aBodyThatIsNotJsonIsRedactedAsText() {
    assertThat(Redactor.redactJsonText("not json password=x", Set.of()))
        .isEqualTo("not json password=[REDACTED]");
  }

  @Test
  void namesThatHoldSecrets() {
    assertThat(Redactor.isSecretName("MasterUserPassword")).isTrue();
    assertThat(Redactor.isSecretName("client_secret")).isTrue();
    assertThat(Redactor.isSecretName("SessionToken")).isTrue();
    assertThat(Redactor.isSecretName("connectionString")).isTrue();
    assertThat(Redactor.isSecretName("PasswordPolicy")).isFalse();
    assertThat(Redactor.isSecretName("NextToken")).isFalse();
    assertThat(Redactor.isSecretName("SecretArn")).isFalse();
    assertThat(Redactor.isSecretName("KmsKeyId")).isFalse();
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = TestRedactor.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .toList();
    }
  }
}
