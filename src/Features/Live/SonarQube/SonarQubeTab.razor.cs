using Fawkes.Portal.Integrations;
using Fawkes.Portal.Integrations.SonarQube;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Live.SonarQube;

public partial class SonarQubeTab : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private SonarQubeAnswer? _answer;

    [Inject] private SonarQubeLiveService Sonar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        // Not while prerendering: a slow SonarQube must not delay the page.
        if (RendererInfo.IsInteractive)
        {
            try
            {
                _answer = await Sonar.GetAsync(SonarQubeProjectRef.Parse(Entity.Annotation(SonarQubeProjectRef.Annotation)), _disposed.Token);
            }
            catch (FormatException ex)
            {
                _answer = new SonarQubeAnswer(null, null, null, null, null, null, [], [], ex.Message, DateTimeOffset.UtcNow);
            }
            catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
            {
                // Closed while loading.
            }
        }
    }

    internal static string Explain(string status) => status switch
    {
        IntegrationStatus.Unauthorized => "The portal's SonarQube token is wrong, expired or may not browse this project; an Admin can fix it in the settings.",
        IntegrationStatus.Unreachable => "The portal cannot connect to it (wrong URL, network, or SonarQube is down).",
        IntegrationStatus.Timeout => "It is too slow right now; it is asked again on the next visit.",
        IntegrationStatus.NotFound => "",
        IntegrationStatus.NotConfigured => "An Admin must add it under Integrations:SonarQube:Instances.",
        _ => "",
    };

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
