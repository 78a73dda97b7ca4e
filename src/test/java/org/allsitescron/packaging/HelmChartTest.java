package org.allsitescron.packaging;

import static org.allsitescron.packaging.RenderedChart.FULLNAME;
import static org.allsitescron.packaging.RenderedChart.HOOK_ANNOTATION;
import static org.allsitescron.packaging.RenderedChart.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.allsitescron.support.OpsTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Lints the Helm chart and checks what it renders, with its defaults and with the options on. */
class HelmChartTest {

  private static final Set<String> STANDARD_LABELS =
      Set.of(
          "helm.sh/chart",
          "app.kubernetes.io/name",
          "app.kubernetes.io/instance",
          "app.kubernetes.io/version",
          "app.kubernetes.io/managed-by");

  @Test
  void lintsCleanInStrictMode(@TempDir Path dir) {
    LintResult result = new Helm(RenderedChart.copyWithRequiredValues(dir)).lint().strict().call();

    assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages())
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
  }

  @Test
  void rejectsValuesTheSchemaForbids(@TempDir Path dir) {
    assertThatThrownBy(() -> RenderedChart.render(dir, "config.sites.source", "ftp"))
        .hasMessageContaining("source");
    assertThatThrownBy(() -> RenderedChart.render(dir.resolve("b"), "config.no-such-key", "1"))
        .hasMessageContaining("no-such-key");
    assertThatThrownBy(() -> RenderedChart.render(dir.resolve("c"), "config.auth-token", "x"))
        .hasMessageContaining("auth-token");
  }

  @Test
  void derivesTerminationGraceFromShutdownGrace(@TempDir Path dir) {
    assertThat(grace(dir.resolve("a"), "2m", 10)).isEqualTo(130);
    assertThat(grace(dir.resolve("b"), "500ms", 15)).isEqualTo(16);
    assertThat(grace(dir.resolve("c"), "45", 5)).isEqualTo(50);
  }

  private static long grace(Path dir, String shutdownGrace, int margin) {
    return RenderedChart.render(
            dir, "config.shutdown-grace", shutdownGrace, "terminationGraceMarginSeconds", margin)
        .one(Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getTerminationGracePeriodSeconds();
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithDefaults {

    RenderedChart chart;

    @BeforeAll
    void render(@TempDir Path dir) {
      chart = RenderedChart.render(dir);
    }

    @Test
    void rendersTheCoreResourcesAndNoOptionalOnes() {
      assertThat(chart.resources)
          .extracting(HasMetadata::getKind)
          .containsExactlyInAnyOrder(
              "ServiceAccount",
              "Secret",
              "ConfigMap",
              "Service",
              "Deployment",
              "CronJob",
              "PodDisruptionBudget",
              "Pod");
    }

    @Test
    void runsTwoReplicasWithProbesOnTheQuarkusHealthPaths() {
      Deployment deployment = chart.one(Deployment.class);
      Container container = serviceContainer(deployment);

      assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
      assertThat(container.getPorts())
          .singleElement()
          .satisfies(
              p -> {
                assertThat(p.getName()).isEqualTo("http");
                assertThat(p.getContainerPort()).isEqualTo(8080);
              });
      assertProbe(container.getStartupProbe(), "/q/health/started");
      assertProbe(container.getLivenessProbe(), "/q/health/live");
      assertProbe(container.getReadinessProbe(), "/q/health/ready");
      assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
          .as("shutdown-grace 30s + 15s margin")
          .isEqualTo(45);
    }

    @Test
    void hardensTheServicePod() {
      PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();
      Container container = pod.getContainers().get(0);

      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
      assertThat(pod.getSecurityContext().getSeccompProfile().getType())
          .isEqualTo("RuntimeDefault");
      assertThat(pod.getAutomountServiceAccountToken()).isFalse();
      assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(container.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(container.getResources().getLimits()).containsKey("memory");
      // The only writable place is an emptyDir at /tmp.
      assertThat(container.getVolumeMounts())
          .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
      assertThat(pod.getVolumes())
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo("tmp");
                assertThat(v.getEmptyDir()).isNotNull();
              });
    }

    @Test
    void mountsApplicationYamlWhereQuarkusReadsIt() {
      Deployment deployment = chart.one(Deployment.class);
      Container container = serviceContainer(deployment);
      ConfigMap configMap = chart.one(ConfigMap.class);

      assertThat(container.getWorkingDir()).isEqualTo("/deployments");
      String configVolume =
          container.getVolumeMounts().stream()
              .filter(m -> m.getMountPath().equals("/deployments/config"))
              .findFirst()
              .orElseThrow()
              .getName();
      assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
          .anySatisfy(
              v -> {
                assertThat(v.getName()).isEqualTo(configVolume);
                assertThat(v.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
              });
      assertThat(configMap.getData()).containsOnlyKeys("application.yaml");
    }

    @Test
    void buildsTheServiceConfigurationFromValues() {
      Map<String, Object> config = applicationYaml(chart);

      assertThat((Map<String, Object>) config.get("all-sites-cron"))
          .containsEntry("rate-limit-seconds", 60)
          .containsEntry("number-of-sites", 1000)
          .containsEntry("batch-size", 50)
          .containsEntry("concurrency", 50)
          .containsEntry("request-timeout", "5s")
          .containsEntry("ssl-verify", true)
          .containsEntry("lock-timeout", "5m")
          .containsEntry("shutdown-grace", "30s")
          .containsEntry("require-auth", true)
          .containsEntry("use-redis-queue", "auto")
          .containsKeys("redis", "worker", "sites", "per-host-rate")
          .doesNotContainKey("auth-token");
      assertThat(path(config, "all-sites-cron", "sites", "source")).isEqualTo("wordpress-db");
      assertThat(path(config, "all-sites-cron", "sites", "wordpress-db", "table-prefix"))
          .isEqualTo("wp_");
      assertThat(path(config, "all-sites-cron", "redis", "queue-key"))
          .isEqualTo("all_sites_cron:jobs");
      assertThat(path(config, "quarkus", "log", "console", "json", "enabled")).isEqualTo(true);
    }

    @Test
    void takesTheTokenFromTheRenderedSecret() {
      Secret secret = chart.one(Secret.class);
      Map<String, EnvVar> env = env(serviceContainer(chart.one(Deployment.class)));

      EnvVar token = env.get("ALL_SITES_CRON_AUTH_TOKEN");
      assertThat(token.getValueFrom().getSecretKeyRef().getName())
          .isEqualTo(secret.getMetadata().getName());
      String encoded = secret.getData().get(token.getValueFrom().getSecretKeyRef().getKey());
      assertThat(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8))
          .as("generated with randAlphaNum")
          .matches("[A-Za-z0-9]{48}");
      assertThat(env.get("QUARKUS_REDIS_HOSTS").getValue()).isEqualTo("redis://redis:6379/0");
      // The default source is wordpress-db: the one value every install fills in.
      assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL").getValue())
          .isEqualTo(RenderedChart.REQUIRED[1]);
    }

    @Test
    void triggersRunsFromACronJobWithTheToken() {
      CronJob cronJob = chart.one(CronJob.class);
      Service service = chart.one(Service.class);
      PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
      Container trigger = pod.getContainers().get(0);
      Map<String, EnvVar> env = env(trigger);

      assertThat(cronJob.getSpec().getSchedule()).isEqualTo("*/5 * * * *");
      assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
      assertThat(cronJob.getSpec().getStartingDeadlineSeconds()).isPositive();
      assertThat(env.get("RUN_URL").getValue())
          .isEqualTo(
              "http://%s:%d/all-sites-cron/v1/run?defer=1",
              service.getMetadata().getName(), service.getSpec().getPorts().get(0).getPort());
      assertThat(env.get("ALL_SITES_CRON_AUTH_TOKEN").getValueFrom().getSecretKeyRef().getName())
          .isEqualTo(chart.one(Secret.class).getMetadata().getName());
      assertThat(String.join(" ", trigger.getCommand()))
          .contains("Authorization: Bearer ${ALL_SITES_CRON_AUTH_TOKEN}")
          .contains("409)")
          .contains("429)");
      assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(trigger.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(trigger.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    }

    @Test
    void labelsEveryResourceTheSameWay() {
      Map<String, String> reference = chart.one(Deployment.class).getMetadata().getLabels();
      for (HasMetadata resource : chart.resources) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        assertThat(labels)
            .as(resource.getKind())
            .containsKeys(STANDARD_LABELS.toArray(String[]::new));
        for (String label : STANDARD_LABELS) {
          assertThat(labels.get(label))
              .as(resource.getKind() + " " + label)
              .isEqualTo(reference.get(label));
        }
      }
      assertThat(reference)
          .containsEntry("app.kubernetes.io/name", "all-sites-cron")
          .containsEntry("app.kubernetes.io/instance", RenderedChart.RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm");
    }

    @Test
    void selectsOnlyTheServicePods() {
      Deployment deployment = chart.one(Deployment.class);
      Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      Map<String, String> selector = chart.one(Service.class).getSpec().getSelector();
      Map<String, String> cronPodLabels =
          chart
              .one(CronJob.class)
              .getSpec()
              .getJobTemplate()
              .getSpec()
              .getTemplate()
              .getMetadata()
              .getLabels();
      Map<String, String> testPodLabels = chart.one(Pod.class).getMetadata().getLabels();

      assertThat(podLabels).containsAllEntriesOf(selector);
      assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(selector);
      assertThat(chart.one(PodDisruptionBudget.class).getSpec().getSelector().getMatchLabels())
          .isEqualTo(selector);
      assertThat(cronPodLabels.entrySet().containsAll(selector.entrySet()))
          .as("trigger pods stay out of the Service")
          .isFalse();
      assertThat(testPodLabels.entrySet().containsAll(selector.entrySet()))
          .as("test pod stays out of the Service")
          .isFalse();
      assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
          .isEqualTo(chart.one(ServiceAccount.class).getMetadata().getName());
    }

    @Test
    void helmTestCallsReadinessAndAnAuthenticatedDryRun() {
      Pod test = chart.one(Pod.class);

      assertThat(test.getMetadata().getAnnotations()).containsEntry(HOOK_ANNOTATION, "test");
      assertThat(test.getSpec().getContainers().get(0).getCommand())
          .contains("http://" + FULLNAME + ":8080/q/health/ready")
          .contains("http://" + FULLNAME + ":8080/all-sites-cron/v1/run?dry_run=1");
      // The dry run is authenticated with the chart's token.
      assertThat(test.getSpec().getContainers().get(0).getCommand().get(2))
          .contains("--fail-with-body")
          .contains("Authorization: Bearer ${ALL_SITES_CRON_AUTH_TOKEN}");
      assertThat(test.getSpec().getContainers().get(0).getEnv())
          .anySatisfy(
              env -> {
                assertThat(env.getName()).isEqualTo("ALL_SITES_CRON_AUTH_TOKEN");
                assertThat(env.getValueFrom().getSecretKeyRef()).isNotNull();
              });
      assertThat(test.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class WithOptionsOn {

    RenderedChart chart;

    @BeforeAll
    void render(@TempDir Path dir) {
      chart =
          RenderedChart.render(
              dir,
              "existingSecret",
              "wp-cron-secrets",
              "networkPolicy.enabled",
              true,
              "serviceMonitor.enabled",
              true,
              "prometheusRule.enabled",
              true,
              "grafanaDashboard.enabled",
              true,
              "autoscaling.enabled",
              true,
              "cleanupHook.enabled",
              true,
              "ingress.enabled",
              true,
              "ingress.hosts[0]",
              "network.example.org",
              "database.url",
              "mysql://db:3306/wordpress",
              "database.username",
              "wp_cron",
              "config.sites.source",
              "wordpress-db",
              "config.sites.wordpress-db.network-id",
              2,
              "config.per-host-concurrency",
              8,
              "logging.json",
              false,
              "cronJob.schedule",
              "*/2 * * * *");
    }

    @Test
    void usesTheExistingSecretAndRendersNone() {
      assertThat(chart.all(Secret.class)).isEmpty();
      Map<String, EnvVar> env = env(serviceContainer(chart.one(Deployment.class)));

      for (String name :
          List.of(
              "ALL_SITES_CRON_AUTH_TOKEN",
              "QUARKUS_DATASOURCE_PASSWORD",
              "QUARKUS_REDIS_PASSWORD")) {
        assertThat(env.get(name).getValueFrom().getSecretKeyRef().getName())
            .as(name)
            .isEqualTo("wp-cron-secrets");
      }
      assertThat(
              env.get("QUARKUS_DATASOURCE_PASSWORD").getValueFrom().getSecretKeyRef().getOptional())
          .isTrue();
      assertThat(env.get("QUARKUS_DATASOURCE_REACTIVE_URL").getValue())
          .isEqualTo("mysql://db:3306/wordpress");
      assertThat(env.get("QUARKUS_DATASOURCE_USERNAME").getValue()).isEqualTo("wp_cron");
      assertThat(
              env(chart
                      .one(CronJob.class)
                      .getSpec()
                      .getJobTemplate()
                      .getSpec()
                      .getTemplate()
                      .getSpec()
                      .getContainers()
                      .get(0))
                  .get("ALL_SITES_CRON_AUTH_TOKEN")
                  .getValueFrom()
                  .getSecretKeyRef()
                  .getName())
          .isEqualTo("wp-cron-secrets");
    }

    @Test
    void passesTheValuesIntoApplicationYaml() {
      Map<String, Object> config = applicationYaml(chart);

      assertThat(path(config, "all-sites-cron", "sites", "source")).isEqualTo("wordpress-db");
      assertThat(path(config, "all-sites-cron", "sites", "wordpress-db", "network-id"))
          .isEqualTo(2);
      assertThat(path(config, "all-sites-cron", "per-host-concurrency")).isEqualTo(8);
      assertThat(path(config, "quarkus", "log", "console", "json", "enabled")).isEqualTo(false);
      assertThat(chart.one(CronJob.class).getSpec().getSchedule()).isEqualTo("*/2 * * * *");
    }

    @Test
    void alertsOnSiteHealthWithAPrometheusRule() {
      GenericKubernetesResource rule = chart.generic("PrometheusRule").orElseThrow();
      Map<String, Object> spec = rule.getAdditionalProperties();

      assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
      assertThat(rule.getMetadata().getNamespace()).isEqualTo(RenderedChart.NAMESPACE);
      String rules = String.valueOf(path(spec, "spec", "groups", "0", "rules"));
      assertThat(rules)
          .contains("alert=CronBehind", "alert=SitesFailing", "alert=RunsNotHappening")
          .contains("all_sites_cron_sites_state{state=\"behind\"}")
          .contains("> 0.05", "> 1800");
    }

    @Test
    void thePrometheusRulePassesPromtool(@TempDir Path dir) throws Exception {
      Path promtool = OpsTools.require("promtool");
      GenericKubernetesResource rule = chart.generic("PrometheusRule").orElseThrow();
      Object groups = path(rule.getAdditionalProperties(), "spec", "groups");
      Path file = dir.resolve("rules.yaml");
      Files.writeString(
          file,
          new io.fabric8.kubernetes.client.utils.KubernetesSerialization()
              .asYaml(Map.of("groups", groups)));

      OpsTools.Result check =
          OpsTools.run(
              Path.of("/dev/null"), promtool.toString(), "check", "rules", file.toString());

      assertThat(check.exitCode()).as(check.output()).isZero();
      assertThat(check.output()).contains("SUCCESS: 3 rules found");
    }

    @Test
    void shipsAGrafanaDashboardForTheSidecar() throws Exception {
      ConfigMap dashboard =
          chart.named(ConfigMap.class, RenderedChart.FULLNAME + "-dashboard").orElseThrow();

      assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
      String json = dashboard.getData().get("all-sites-cron.json");
      assertThat(json)
          .contains("all_sites_cron_sites_state", "all_sites_cron_overdue_oldest_seconds")
          .contains("all_sites_cron_sites_backed_off", "all_sites_cron_last_full_run_seconds");
      assertThat(new ObjectMapper().readTree(json).path("panels")).hasSizeGreaterThan(5);
    }

    @Test
    void scrapesMetricsWithAServiceMonitor() {
      GenericKubernetesResource monitor = chart.generic("ServiceMonitor").orElseThrow();
      Map<String, Object> spec = monitor.getAdditionalProperties();

      assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
      assertThat(path(spec, "spec", "endpoints", "0", "path")).isEqualTo("/q/metrics");
      assertThat(path(spec, "spec", "endpoints", "0", "port")).isEqualTo("http");
      assertThat(path(spec, "spec", "selector", "matchLabels"))
          .isEqualTo(
              chart.one(Service.class).getMetadata().getLabels().entrySet().stream()
                  .filter(
                      e -> chart.one(Service.class).getSpec().getSelector().containsKey(e.getKey()))
                  .collect(
                      java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
      assertThat(monitor.getMetadata().getLabels())
          .containsKeys(STANDARD_LABELS.toArray(String[]::new));
    }

    @Test
    void admitsOnlyTheTriggerAndTestPodsWithANetworkPolicy() {
      NetworkPolicy policy = chart.one(NetworkPolicy.class);

      assertThat(policy.getSpec().getPodSelector().getMatchLabels())
          .isEqualTo(chart.one(Service.class).getSpec().getSelector());
      assertThat(policy.getSpec().getIngress().get(0).getFrom())
          .extracting(
              peer -> peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/component"))
          .containsExactlyInAnyOrder("trigger", "test");
    }

    @Test
    void scalesWithAnHpaInsteadOfFixedReplicas() {
      HorizontalPodAutoscaler hpa = chart.one(HorizontalPodAutoscaler.class);

      assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
      assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(FULLNAME);
      assertThat(chart.one(Deployment.class).getSpec().getReplicas()).isNull();
      assertThat(chart.one(PodDisruptionBudget.class)).isNotNull();
    }

    @Test
    void cleansRedisUpInAPreDeleteHook() {
      Job job = chart.one(Job.class);
      Container cleanup = job.getSpec().getTemplate().getSpec().getContainers().get(0);

      assertThat(job.getMetadata().getAnnotations()).containsEntry(HOOK_ANNOTATION, "pre-delete");
      assertThat(cleanup.getCommand())
          .containsExactly("java", "-jar", "/deployments/quarkus-run.jar");
      assertThat(cleanup.getArgs()).containsExactly("cleanup");
      assertThat(env(cleanup)).containsKeys("QUARKUS_REDIS_HOSTS", "QUARKUS_REDIS_PASSWORD");
      assertThat(cleanup.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(job.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot())
          .isTrue();
    }

    @Test
    void routesTheOldPluginUrlsThroughTheIngress() {
      Ingress ingress = chart.one(Ingress.class);

      assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
          .extracting(p -> p.getPath())
          .contains("/all-sites-cron/v1", "/wp-json/all-sites-cron/v1", "/wp-json/dss-cron/v1");
    }
  }

  @Test
  void runsTheNativeBinaryForCleanupWithTheNativeFlavor(@TempDir Path dir) {
    RenderedChart chart =
        RenderedChart.render(dir, "image.flavor", "native", "cleanupHook.enabled", true);

    assertThat(
            chart
                .one(Job.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getCommand())
        .containsExactly("/deployments/application");
    assertThat(serviceContainer(chart.one(Deployment.class)).getImage()).endsWith(":0.1.0-native");
  }

  @Test
  void opensTheApiOnlyWhenAuthIsDisabled(@TempDir Path dir) {
    RenderedChart chart = RenderedChart.render(dir, "auth.enabled", false);

    assertThat(env(serviceContainer(chart.one(Deployment.class))))
        .doesNotContainKey("ALL_SITES_CRON_AUTH_TOKEN");
    assertThat(path(applicationYaml(chart), "all-sites-cron", "require-auth")).isEqualTo(false);
  }

  @Test
  void failsTheInstallWithAClearMessageUntilTheSitesCanBeFound(@TempDir Path dir) {
    assertThatThrownBy(() -> RenderedChart.renderAsIs(dir.resolve("a")))
        .hasMessageContaining("config.sites.source is wordpress-db (the default)")
        .hasMessageContaining("database.url is empty");
    assertThatThrownBy(
            () -> RenderedChart.renderAsIs(dir.resolve("b"), "config.sites.source", "static"))
        .hasMessageContaining("config.sites.static is empty");

    RenderedChart listed =
        RenderedChart.renderAsIs(
            dir.resolve("c"),
            "config.sites.source",
            "static",
            "config.sites.static[0]",
            "https://example.org");
    assertThat(path(applicationYaml(listed), "all-sites-cron", "sites", "static", "0"))
        .isEqualTo("https://example.org");
  }

  @Test
  void restrictsEgressToDnsTheDatabaseRedisAndTheSitesPorts(@TempDir Path dir) {
    NetworkPolicy policy =
        RenderedChart.render(
                dir,
                "networkPolicy.enabled",
                true,
                "networkPolicy.egress.enabled",
                true,
                "networkPolicy.egress.sitePorts[0]",
                443,
                "networkPolicy.egress.sitePorts[1]",
                8443,
                "networkPolicy.egress.redisTo[0].podSelector.matchLabels.app",
                "redis")
            .one(NetworkPolicy.class);

    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
    var rules = policy.getSpec().getEgress();
    assertThat(rules).hasSize(4);
    assertThat(rules.get(0).getPorts())
        .extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
        .containsExactly("UDP/53", "TCP/53");
    assertThat(rules.get(0).getTo().get(0).getPodSelector().getMatchLabels())
        .containsEntry("k8s-app", "kube-dns");
    assertThat(rules.get(1).getPorts().get(0).getPort().getIntVal()).isEqualTo(3306);
    assertThat(rules.get(1).getTo()).isNullOrEmpty();
    assertThat(rules.get(2).getPorts().get(0).getPort().getIntVal()).isEqualTo(6379);
    assertThat(rules.get(2).getTo().get(0).getPodSelector().getMatchLabels())
        .containsEntry("app", "redis");
    assertThat(rules.get(3).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsExactly(443, 8443);
    assertThat(rules.get(3).getTo())
        .extracting(
            peer -> peer.getIpBlock().getCidr() + " except " + peer.getIpBlock().getExcept())
        .containsExactly("0.0.0.0/0 except [169.254.169.254/32]", "::/0 except []");
  }

  @Test
  void egressRulesFollowWhatTheServiceUsesAndTakeExtraRules(@TempDir Path dir) {
    NetworkPolicy policy =
        RenderedChart.render(
                dir,
                "networkPolicy.enabled",
                true,
                "networkPolicy.egress.enabled",
                true,
                "redis.hosts",
                "",
                "replicaCount",
                1,
                "config.sites.source",
                "static",
                "config.sites.static[0]",
                "https://example.org",
                "networkPolicy.egress.siteCidrs[0]",
                "10.20.0.0/16",
                "networkPolicy.egress.extra[0].ports[0].port",
                25)
            .one(NetworkPolicy.class);

    var rules = policy.getSpec().getEgress();
    // DNS, the sites, the extra rule: no database (static source), no Redis (embedded).
    assertThat(rules).hasSize(3);
    assertThat(rules.get(1).getTo())
        .extracting(peer -> peer.getIpBlock().getCidr())
        .containsExactly("10.20.0.0/16");
    assertThat(rules.get(2).getPorts().get(0).getPort().getIntVal()).isEqualTo(25);

    NetworkPolicy open =
        RenderedChart.render(dir.resolve("open"), "networkPolicy.enabled", true)
            .one(NetworkPolicy.class);
    assertThat(open.getSpec().getPolicyTypes()).containsExactly("Ingress");
    assertThat(open.getSpec().getEgress()).isNullOrEmpty();
  }

  @Test
  void mountsTheSitesCaBundleAndWiresItToTheTlsConfiguration(@TempDir Path dir) {
    RenderedChart chart =
        RenderedChart.render(dir, "sitesCa.secret", "cluster-ca", "sitesCa.key", "ca.pem");
    PodSpec pod = chart.one(Deployment.class).getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes())
        .filteredOn(v -> v.getName().equals("sites-ca"))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getSecret().getSecretName()).isEqualTo("cluster-ca");
              assertThat(v.getSecret().getItems().get(0).getKey()).isEqualTo("ca.pem");
            });
    assertThat(serviceContainer(chart.one(Deployment.class)).getVolumeMounts())
        .filteredOn(m -> m.getName().equals("sites-ca"))
        .singleElement()
        .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/deployments/sites-ca"));
    Map<String, Object> config = applicationYaml(chart);
    assertThat(path(config, "quarkus", "tls", "sites", "trust-store", "pem", "certs"))
        .isEqualTo("/deployments/sites-ca/ca.pem");
    assertThat(path(config, "all-sites-cron", "tls-configuration-name")).isEqualTo("sites");

    RenderedChart fromConfigMap =
        RenderedChart.render(
            dir.resolve("cm"),
            "sitesCa.configMap",
            "kube-root-ca.crt",
            "sitesCa.tlsConfigurationName",
            "internal");
    assertThat(fromConfigMap.one(Deployment.class).getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getName().equals("sites-ca"))
        .singleElement()
        .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo("kube-root-ca.crt"));
    assertThat(
            path(
                applicationYaml(fromConfigMap),
                "quarkus",
                "tls",
                "internal",
                "trust-store",
                "pem",
                "certs"))
        .isEqualTo("/deployments/sites-ca/ca.crt");

    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    dir.resolve("both"), "sitesCa.secret", "a", "sitesCa.configMap", "b"))
        .hasMessageContaining("either sitesCa.secret or sitesCa.configMap");
    assertThat(applicationYaml(RenderedChart.render(dir.resolve("none")))).doesNotContainKey("tls");
    assertThat(path(applicationYaml(RenderedChart.render(dir.resolve("none2"))), "quarkus", "tls"))
        .isNull();
  }

  static Container serviceContainer(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Map<String, EnvVar> env(Container container) {
    return container.getEnv().stream()
        .collect(java.util.stream.Collectors.toMap(EnvVar::getName, e -> e));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> applicationYaml(RenderedChart chart) {
    String yaml =
        chart.all(ConfigMap.class).stream()
            .filter(map -> map.getData().containsKey("application.yaml"))
            .findFirst()
            .orElseThrow()
            .getData()
            .get("application.yaml");
    return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
  }
}
