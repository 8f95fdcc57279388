using Fawkes.Portal.Features.Dojo.Content;

namespace Fawkes.Portal.Features.Dojo.Progress;

/// <summary>The learner's progress against the current curriculum, and the "mark as read" action.</summary>
public sealed class ProgressService(DojoContentStore content, ProgressStore store, TimeProvider time)
{
    public async Task<LearnerProgress> ForAsync(string login, CancellationToken ct = default)
    {
        var record = await store.ReadAsync(login, ct);
        return LearnerProgress.Compute(content.Current, record, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
    }

    public Task MarkReadAsync(string login, string moduleId, string part, bool read, CancellationToken ct = default) =>
        store.MarkReadAsync(login, moduleId, part, read, ct);
}
