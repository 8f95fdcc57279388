namespace Fawkes.Portal.Integrations.Jenkins;

/// <summary>Each instance's health for Admin → Integrations: the root JSON document, which needs valid credentials.</summary>
internal sealed class JenkinsHealthSource(JenkinsInstances instances, JenkinsClient client, TimeProvider time) : IIntegrationHealthSource
{
    public string Kind => "jenkins";

    public async Task<IReadOnlyList<InstanceHealth>> CheckAsync(CancellationToken cancellationToken)
    {
        var all = instances.All;
        if (all.Count == 0)
        {
            return [new InstanceHealth("jenkins", Kind, IntegrationStatus.NotConfigured,
                $"No Jenkins instance configured ({JenkinsIntegrationOptions.Section}:Instances:0:Name, :Url).", null, time.GetUtcNow())];
        }
        return await Task.WhenAll(all.Select(i => CheckAsync(i, cancellationToken)));
    }

    private async Task<InstanceHealth> CheckAsync(JenkinsInstance instance, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        string status = IntegrationStatus.Ok;
        string? error = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(instances.Budget + TimeSpan.FromMilliseconds(250));
            await client.GetRootAsync(instance, deadline.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            (status, error) = UpstreamFailure.FromException(ex, $"Jenkins '{instance.Name}'", instances.Budget);
        }
        return new InstanceHealth(instance.Name, Kind, status, error, (long)time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow(), instance.Demo);
    }
}
