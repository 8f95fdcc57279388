using System.Text.Json.Nodes;
using Fawkes.Portal.Integrations.ArgoCd;

namespace Fawkes.Portal.Features.Templates.Actions.Builtin;

/// <summary>
/// Fawkes' <c>argocd:create-app</c>: an ArgoCD Application that deploys the new repository's manifests (<c>path</c>)
/// into <c>namespace</c> with automated sync, through the ArgoCD integration (<c>Integrations:ArgoCd</c>, or demo
/// mode's simulator). The Application carries the <c>backstage.io/kubernetes-id</c> label, so the Live tabs find it.
/// </summary>
public sealed class ArgoCdCreateAppAction(ArgoCdInstances instances, ArgoCdClient client) : ScaffolderAction
{
    public override string Id => "argocd:create-app";
    public override string Description => "Creates an ArgoCD Application for a repository's Kubernetes manifests, with automated sync.";
    public override JsonObject InputSchema { get; } = Schema("""
        {"type":"object","required":["appName","repoUrl"],"additionalProperties":false,"properties":{
          "appName":{"type":"string","description":"Name of the Application (and its backstage.io/kubernetes-id label)"},
          "repoUrl":{"type":"string","description":"Git URL of the repository holding the manifests"},
          "path":{"type":"string","description":"Folder of the manifests in the repository. Default: deploy/k8s"},
          "namespace":{"type":"string","description":"Kubernetes namespace to deploy into. Default: the app name"},
          "project":{"type":"string","description":"ArgoCD project. Default: default"},
          "targetRevision":{"type":"string","description":"Branch, tag or commit to follow. Default: HEAD"},
          "instance":{"type":"string","description":"Name of the ArgoCD instance (Integrations:ArgoCd:Instances). Default: the first"},
          "labels":{"type":"object","additionalProperties":{"type":"string"},"description":"Extra labels for the Application"}}}
        """);
    public override JsonObject OutputSchema { get; } = Schema("""
        {"type":"object","properties":{"appName":{"type":"string"},"url":{"type":"string"}}}
        """);

    public override async Task ExecuteAsync(ActionContext context)
    {
        var name = context.RequiredString("appName");
        var wanted = context.InputString("instance");
        var all = instances.All;
        var instance = (wanted is null ? all.FirstOrDefault() : all.FirstOrDefault(i => i.Name == wanted))
            ?? throw new ActionInputException(wanted is null
                ? "No ArgoCD instance is configured (Integrations:ArgoCd:Instances)."
                : $"There is no ArgoCD instance named '{wanted}' (configured: {string.Join(", ", all.Select(i => i.Name))}).");
        var labels = new JsonObject { ["backstage.io/kubernetes-id"] = name, ["app.kubernetes.io/managed-by"] = "fawkes-portal" };
        foreach (var (key, value) in context.Input["labels"] as JsonObject ?? [])
        {
            labels[key] = value?.DeepClone();
        }
        var application = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["project"] = context.InputString("project") ?? "default",
                ["source"] = new JsonObject
                {
                    ["repoURL"] = context.RequiredString("repoUrl"),
                    ["path"] = context.InputString("path") ?? "deploy/k8s",
                    ["targetRevision"] = context.InputString("targetRevision") ?? "HEAD",
                },
                ["destination"] = new JsonObject { ["server"] = "https://kubernetes.default.svc", ["namespace"] = context.InputString("namespace") ?? name },
                ["syncPolicy"] = new JsonObject
                {
                    ["automated"] = new JsonObject { ["prune"] = true, ["selfHeal"] = true },
                    ["syncOptions"] = new JsonArray("CreateNamespace=true"),
                },
            },
        };
        await context.Log.InfoAsync($"Creating ArgoCD application {name} on {instance}", null, context.CancellationToken);
        try
        {
            await client.CreateApplicationAsync(instance, application, context.CancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"ArgoCD '{instance.Name}' refused to create application '{name}': {e.Message}", e);
        }
        context.Output("appName", name);
        context.Output("url", new Uri(instance.BaseUrl, $"applications/{Uri.EscapeDataString(name)}").ToString());
    }
}
