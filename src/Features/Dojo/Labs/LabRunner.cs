using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>
/// Runs a lab's checks against one service, in parallel (each system answers from its own cache). A check that throws
/// becomes a FAIL saying so: one broken check never hides the others' answers.
/// </summary>
public sealed class LabRunner(IEnumerable<ILabCheck> checks, TimeProvider time, ILogger<LabRunner> logger)
{
    private readonly Dictionary<string, ILabCheck> _byType = checks.ToDictionary(c => c.Type, StringComparer.Ordinal);

    /// <summary>The check types that have code (every one of <see cref="LabCheckTypes.All"/>, which a test keeps so).</summary>
    public IReadOnlyCollection<string> Types => _byType.Keys;

    public async Task<LabRunResult> RunAsync(DojoLab lab, LabTarget target, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lab);
        ArgumentNullException.ThrowIfNull(target);
        var results = await Task.WhenAll(lab.Checks.Select(c => RunOneAsync(c, target, ct)));
        return new LabRunResult(results.All(r => r.Passed), target.Ref.ToString(), time.GetUtcNow(), results);
    }

    private async Task<LabCheckResult> RunOneAsync(LabCheck check, LabTarget target, CancellationToken ct)
    {
        if (!_byType.TryGetValue(check.Type, out var code))
        {
            return LabCheckResult.Fail(check.Type, $"This portal has no '{check.Type}' lab check (known: {string.Join(", ", _byType.Keys)}).");
        }
        try
        {
            return await code.RunAsync(target, check, ct);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Lab check {Type} against {Service} failed to run", check.Type, target.Ref);
            return LabCheckResult.Fail(check.Type, $"The {check.Type} check could not run ({ex.Message}). Run the checks again; "
                + "if it keeps failing, tell a portal Admin.");
        }
    }
}
