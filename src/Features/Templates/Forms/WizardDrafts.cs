using System.Collections.Concurrent;

namespace Fawkes.Portal.Features.Templates.Forms;

/// <summary>
/// The circuit's wizard states by template, so leaving the wizard and coming back (without reloading) keeps every
/// value, secrets included. Scoped: one per circuit, never shared between users. A reload starts a new circuit and
/// the URL's <c>formData</c> takes over (secrets are then asked again: they never enter the URL).
/// </summary>
public sealed class WizardDrafts
{
    private readonly ConcurrentDictionary<string, FormState> _drafts = new(StringComparer.OrdinalIgnoreCase);

    public FormState? Find(string key) => _drafts.GetValueOrDefault(key);

    public FormState Keep(string key, FormState state) => _drafts[key] = state;
}
