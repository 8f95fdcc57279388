namespace Fawkes.Portal.Features.Templates.Tasks;

/// <summary>Template tasks: storage, the launcher the wizard calls, the worker, and the services the pages use.</summary>
public static class TasksExtensions
{
    public static IServiceCollection AddTemplateTasks(this IServiceCollection services)
    {
        services.AddOptions<TaskOptions>().BindConfiguration(TaskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TaskEventHub>();
        services.AddSingleton<TaskSecrets>();
        services.AddSingleton<TaskStore>();
        services.AddSingleton<TaskQueries>();
        services.AddSingleton<TaskAccess>();
        services.AddSingleton<TaskCommands>();
        services.AddSingleton<TaskLauncher>();
        services.AddSingleton<TaskExecution>();
        services.AddSingleton<TaskRecovery>();
        services.AddSingleton<TaskPreview>();
        services.AddSingleton<WizardPreview>();
        services.AddSingleton<TaskWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskWorker>());
        return services;
    }
}
