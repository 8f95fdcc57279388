{{- define "fawkes-portal.env" -}}
# TLS ends at the ingress: trust its X-Forwarded-Proto so OAuth callbacks use https.
- name: ASPNETCORE_FORWARDEDHEADERS_ENABLED
  value: "true"
# /metrics only on this port (404 on http); see values.metrics.
- name: Portal__Metrics__Port
  value: {{ .Values.metrics.port | quote }}
- name: Database__Provider
  value: Postgres
- name: ConnectionStrings__Portal
  valueFrom:
    secretKeyRef: { name: {{ .Values.database.existingSecret }}, key: connection-string }
{{- end -}}
