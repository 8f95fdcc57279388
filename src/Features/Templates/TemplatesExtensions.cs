using Fawkes.Portal.Features.Templates.Actions;
using Fawkes.Portal.Features.Templates.Actions.Builtin;
using Fawkes.Portal.Features.Templates.DryRun;
using Fawkes.Portal.Features.Templates.Runner;
using Fawkes.Portal.Features.Templates.Tasks;
using Fawkes.Portal.Features.Templates.Workspace;
using Fawkes.Portal.Identity;
using Microsoft.Extensions.Options;

namespace Fawkes.Portal.Features.Templates;

/// <summary>The template wizard's registration: actions, the runner, the scaffolder API.</summary>
public static class TemplatesExtensions
{
    public static WebApplicationBuilder AddTemplates(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WorkspaceLimits>().BindConfiguration("Templates:Limits");
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<WorkspaceLimits>>().Value);
        services.AddSingleton<EngineExpressions>();
        services.AddSingleton<IStepExpressions>(sp => sp.GetRequiredService<EngineExpressions>());
        services.AddSingleton<ISkeletonTemplating>(sp => sp.GetRequiredService<EngineExpressions>());
        services.AddSingleton<ScaffolderAction, FetchTemplateAction>();
        services.AddSingleton<ScaffolderAction, FetchPlainAction>();
        services.AddSingleton<ScaffolderAction, FetchPlainFileAction>();
        services.AddSingleton<ScaffolderAction, FsDeleteAction>();
        services.AddSingleton<ScaffolderAction, FsRenameAction>();
        services.AddSingleton<ScaffolderAction, DebugLogAction>();
        services.AddSingleton<ScaffolderAction, CatalogWriteAction>();
        services.AddSingleton<ScaffolderAction, CatalogFetchAction>();
        services.AddSingleton<ScaffolderAction, CatalogRegisterAction>();
        services.AddSingleton<ScaffolderAction, ArgoCdCreateAppAction>();
        services.AddSingleton<ScaffolderAction, NotificationSendAction>();
        services.AddSingleton<ScaffolderAction, Actions.GitHub.PublishGitHubAction>();
        services.AddSingleton<ScaffolderAction, Actions.GitHub.GitHubRepoCreateAction>();
        services.AddSingleton<ScaffolderAction, Actions.GitHub.GitHubRepoPushAction>();
        services.AddSingleton<ScaffolderAction, Actions.GitHub.GitHubPullRequestAction>();
        services.AddSingleton<ScaffolderAction, Actions.GitHub.GitHubWebhookAction>();
        services.AddSingleton<ScaffolderAction, DebugWaitAction>();
        services.AddSingleton<ActionRegistry>();
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<DryRunService>();
        services.AddTemplateTasks();
        return builder;
    }

    /// <summary>Backstage's scaffolder API under <c>/api/scaffolder/v2</c>.</summary>
    public static IEndpointRouteBuilder MapTemplates(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scaffolder/v2").RequireAuthorization(Policies.CatalogRead);
        api.MapDryRun();
        api.MapActions();
        api.MapTasks();
        return app;
    }
}
