using System.Text.Json.Nodes;
using Fawkes.Portal.Features.Templates.Forms.Schema;

namespace Fawkes.Portal.Features.Templates.Forms;

/// <summary>
/// The wizard's state for one template in one circuit: values (the URL's <c>formData</c>), secrets (only here),
/// the current step, and the errors to show. Fields read and write it through the cascading value; the wizard
/// listens to <see cref="Changed"/> to validate, re-render and write the URL.
/// </summary>
public sealed class FormState
{
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private bool _revealAll;

    public JsonObject Values { get; private set; } = [];

    public Dictionary<string, string> Secrets { get; } = new(StringComparer.Ordinal);

    public int Step { get; set; }

    public event Action? Changed;

    public JsonNode? Get(FieldPath path) => path.Get(Values);

    public void Set(FieldPath path, JsonNode? value)
    {
        path.Set(Values, value);
        _touched.Add(path.Pointer);
        Changed?.Invoke();
    }

    public void SetSecret(FieldPath path, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Secrets.Remove(path.Name);
        }
        else
        {
            Secrets[path.Name] = value;
        }
        _touched.Add(path.Pointer);
        Changed?.Invoke();
    }

    /// <summary>A field the user left: its errors show from now on.</summary>
    public void Touch(FieldPath path)
    {
        if (_touched.Add(path.Pointer))
        {
            Changed?.Invoke();
        }
    }

    public void Replace(JsonObject values)
    {
        Values = values;
        _touched.Clear();
        _revealAll = false;
    }

    /// <summary>Next was pressed: every error of the step shows, touched or not.</summary>
    public void RevealAll() => _revealAll = true;

    /// <summary>Another step is shown: its untouched fields start without errors (touched ones keep theirs).</summary>
    public void Conceal() => _revealAll = false;

    public void SetErrors(IEnumerable<ParameterError> errors) =>
        _errors = errors.GroupBy(e => e.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Message, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> AllErrors => _errors;

    /// <summary>The error shown on a field: only once it was touched or Next was pressed (no red form on arrival).</summary>
    public string? ErrorFor(FieldPath path) =>
        (_revealAll || _touched.Contains(path.Pointer)) && _errors.TryGetValue(path.Pointer, out var message) ? message : null;
}
