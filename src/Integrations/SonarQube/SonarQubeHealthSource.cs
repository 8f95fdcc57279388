namespace Fawkes.Portal.Integrations.SonarQube;

/// <summary>
/// Each instance's health for Admin → Integrations: <c>/api/authentication/validate</c>, which answers 200 to anyone but
/// says <c>valid: false</c> for a token SonarQube does not accept.
/// </summary>
internal sealed class SonarQubeHealthSource(SonarQubeInstances instances, SonarQubeClient client, TimeProvider time) : IIntegrationHealthSource
{
    public string Kind => "sonarqube";

    public async Task<IReadOnlyList<InstanceHealth>> CheckAsync(CancellationToken cancellationToken)
    {
        var all = instances.All;
        if (all.Count == 0)
        {
            return [new InstanceHealth("sonarqube", Kind, IntegrationStatus.NotConfigured,
                $"No SonarQube instance configured ({SonarQubeOptions.Section}:Instances:0:Name, :Url, :Token).", null, time.GetUtcNow())];
        }
        return await Task.WhenAll(all.Select(i => CheckAsync(i, cancellationToken)));
    }

    private async Task<InstanceHealth> CheckAsync(SonarQubeInstance instance, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        string status = IntegrationStatus.Ok;
        string? error = null;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(instances.Budget + TimeSpan.FromMilliseconds(250));
            if (!await client.ValidateAsync(instance, deadline.Token))
            {
                (status, error) = (IntegrationStatus.Unauthorized, $"SonarQube '{instance.Name}' does not accept the token (authentication/validate: false). Check the token.");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            (status, error) = UpstreamFailure.FromException(ex, $"SonarQube '{instance.Name}'", instances.Budget);
        }
        return new InstanceHealth(instance.Name, Kind, status, error, (long)time.GetElapsedTime(started).TotalMilliseconds, time.GetUtcNow(), instance.Demo);
    }
}
