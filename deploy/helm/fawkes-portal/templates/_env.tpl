{{- define "fawkes-portal.env" -}}
# TLS ends at the ingress: trust its X-Forwarded-Proto so OAuth callbacks use https.
- name: ASPNETCORE_FORWARDEDHEADERS_ENABLED
  value: "true"
- name: Database__Provider
  value: Postgres
- name: ConnectionStrings__Portal
  valueFrom:
    secretKeyRef: { name: {{ .Values.database.existingSecret }}, key: connection-string }
{{- end -}}
