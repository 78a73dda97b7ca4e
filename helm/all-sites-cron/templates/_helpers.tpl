{{/*
Expand the name of the chart.
*/}}
{{- define "all-sites-cron.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Create a default fully qualified app name.
We truncate at 63 chars because some Kubernetes name fields are limited to this (by the DNS naming spec).
If release name contains chart name it will be used as a full name.
*/}}
{{- define "all-sites-cron.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Create chart name and version as used by the chart label.
*/}}
{{- define "all-sites-cron.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels, on every resource.
*/}}
{{- define "all-sites-cron.labels" -}}
helm.sh/chart: {{ include "all-sites-cron.chart" . }}
{{ include "all-sites-cron.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ include "all-sites-cron.name" . }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Selector labels shared by every pod of the release.
*/}}
{{- define "all-sites-cron.selectorLabels" -}}
app.kubernetes.io/name: {{ include "all-sites-cron.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Selector labels of the service pods only: the component keeps the trigger, test and
clean-up pods out of the Service, the PodDisruptionBudget and the ServiceMonitor.
*/}}
{{- define "all-sites-cron.serverSelectorLabels" -}}
{{ include "all-sites-cron.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{/*
Name of the ServiceAccount to use.
*/}}
{{- define "all-sites-cron.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "all-sites-cron.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Name of the Secret holding the token and the passwords.
*/}}
{{- define "all-sites-cron.secretName" -}}
{{- default (include "all-sites-cron.fullname" .) .Values.existingSecret }}
{{- end }}

{{/*
Image of the service.
*/}}
{{- define "all-sites-cron.image" -}}
{{- $tag := .Values.image.tag }}
{{- if not $tag }}
{{- $tag = .Chart.AppVersion }}
{{- if eq .Values.image.flavor "native" }}
{{- $tag = printf "%s-native" $tag }}
{{- end }}
{{- end }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{/*
Image of the trigger and the test pod.
*/}}
{{- define "all-sites-cron.curlImage" -}}
{{- printf "%s:%s" .Values.cronJob.image.repository .Values.cronJob.image.tag }}
{{- end }}

{{/*
config.shutdown-grace in whole seconds (rounded up). Accepts `30s`, `2m`, `1h`, `500ms` and plain seconds.
*/}}
{{- define "all-sites-cron.shutdownGraceSeconds" -}}
{{- $v := toString (index .Values.config "shutdown-grace" | default "30s") }}
{{- if hasSuffix "ms" $v }}
{{- $ms := trimSuffix "ms" $v | atoi }}
{{- div (add $ms 999) 1000 }}
{{- else if hasSuffix "s" $v }}
{{- trimSuffix "s" $v | atoi }}
{{- else if hasSuffix "m" $v }}
{{- mul (trimSuffix "m" $v | atoi) 60 }}
{{- else if hasSuffix "h" $v }}
{{- mul (trimSuffix "h" $v | atoi) 3600 }}
{{- else }}
{{- atoi $v }}
{{- end }}
{{- end }}

{{/*
terminationGracePeriodSeconds: the service's shutdown grace plus a margin for the lock release and the job hand-back.
*/}}
{{- define "all-sites-cron.terminationGracePeriodSeconds" -}}
{{- add (include "all-sites-cron.shutdownGraceSeconds" . | atoi) .Values.terminationGraceMarginSeconds }}
{{- end }}

{{/*
Environment shared by the service and the clean-up hook: the token, Redis and the database.
The password keys are optional so that an existingSecret need not carry them.
*/}}
{{- define "all-sites-cron.env" -}}
{{- if .Values.auth.enabled }}
- name: ALL_SITES_CRON_AUTH_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "all-sites-cron.secretName" . }}
      key: {{ .Values.secretKeys.authToken }}
{{- end }}
{{- with .Values.redis.hosts }}
- name: QUARKUS_REDIS_HOSTS
  value: {{ . | quote }}
- name: QUARKUS_REDIS_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "all-sites-cron.secretName" $ }}
      key: {{ $.Values.secretKeys.redisPassword }}
      optional: true
{{- end }}
{{- with .Values.database.url }}
- name: QUARKUS_DATASOURCE_REACTIVE_URL
  value: {{ . | quote }}
{{- end }}
{{- with .Values.database.username }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- if .Values.database.url }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "all-sites-cron.secretName" . }}
      key: {{ .Values.secretKeys.databasePassword }}
      optional: true
{{- end }}
{{- end }}

{{/*
Command of the clean-up hook.
*/}}
{{- define "all-sites-cron.cleanupCommand" -}}
{{- if .Values.cleanupHook.command }}
{{- toYaml .Values.cleanupHook.command }}
{{- else if eq .Values.image.flavor "native" }}
- /deployments/application
{{- else }}
- java
- -jar
- /deployments/quarkus-run.jar
{{- end }}
{{- end }}

{{/*
Fails the install with a clear message while the service could not find any site: the default
source (wordpress-db) needs database.url, the static source a non-empty list.
*/}}
{{- define "all-sites-cron.validate" -}}
{{- $source := .Values.config.sites.source }}
{{- if and (eq $source "wordpress-db") (not .Values.database.url) }}
{{- fail "\n\nconfig.sites.source is wordpress-db (the default) but database.url is empty.\nSet database.url (e.g. mysql://wordpress-db:3306/wordpress), database.username and the\npassword (database.password, or the key in existingSecret); or set config.sites.source=static\nwith the sites' URLs in config.sites.static. See docs/kubernetes.md." }}
{{- end }}
{{- if and (eq $source "static") (empty .Values.config.sites.static) }}
{{- fail "\n\nconfig.sites.source is static but config.sites.static is empty: the service would find\nno site. List the sites' URLs in config.sites.static, or use config.sites.source=wordpress-db\nwith database.url. See docs/kubernetes.md." }}
{{- end }}
{{- end }}
