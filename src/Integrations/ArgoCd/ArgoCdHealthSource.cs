namespace Fawkes.Portal.Integrations.ArgoCd;

/// <summary>
/// Each instance's health for Admin → Integrations: an application list filtered to nothing, which needs a valid token
/// (or session) but costs the server almost nothing.
/// </summary>
internal sealed class ArgoCdHealthSource(ArgoCdInstances instances, ArgoCdClient client, TimeProvider time) : IIntegrationHealthSource
{
    internal const string ProbeSelector = "fawkes.io/health-probe=none";

    public string Kind => "argocd";

    public async Task<IReadOnlyList<InstanceHealth>> CheckAsync(CancellationToken cancellationToken)
    {
        var all = instances.All;
        if (all.Count == 0)
        {
            return [new InstanceHealth("argocd", Kind, IntegrationStatus.NotConfigured,
                $"No ArgoCD instance configured ({ArgoCdInstancesOptions.Section}:Instances:0:Name, :Url, :Token).", null, time.GetUtcNow())];
        }
        return await Task.WhenAll(all.Select(i => CheckAsync(i, cancellationToken)));
    }

    private async Task<InstanceHealth> CheckAsync(ArgoCdInstance instance, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        string status = IntegrationStatus.Ok;
        string? error = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(instances.Budget + TimeSpan.FromMilliseconds(250));
            await client.ListApplicationsAsync(instance, ProbeSelector, deadline.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            (status, error) = ArgoCdLiveService.Classify(ex, instance, instances.Budget);
        }
        return new InstanceHealth(instance.Name, Kind, status, error, (long)time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow(), instance.Demo);
    }
}
