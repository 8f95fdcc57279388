using Fawkes.Portal.Features.Dojo.Quizzes;
using Fawkes.Portal.Features.Dojo.Review;
using Microsoft.AspNetCore.Components;

namespace Fawkes.Portal.Features.Dojo.Pages;

public partial class QuizPanel
{
    private readonly Dictionary<string, HashSet<string>> _answers = new(StringComparer.Ordinal);
    private QuizSheet? _sheet;
    private QuizResult? _result;
    private string? _error;
    private bool _busy;

    [Inject] private QuizService Quizzes { get; set; } = default!;
    [Inject] private ReviewService Reviews { get; set; } = default!;

    /// <summary>A module's quiz; or leave it null and set <see cref="Belt"/> for a belt assessment.</summary>
    [Parameter] public string? ModuleId { get; set; }
    [Parameter] public string? Belt { get; set; }
    /// <summary>The learner's daily spaced review instead of a module or belt (needs <see cref="Login"/>).</summary>
    [Parameter] public bool Review { get; set; }
    /// <summary>The signed-in learner whose attempts are recorded; null grades without storing.</summary>
    [Parameter] public string? Login { get; set; }
    [Parameter] public EventCallback<QuizResult> Graded { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (_sheet is null)
        {
            await RetakeAsync();
        }
    }

    private async Task RetakeAsync()
    {
        _answers.Clear();
        _result = null;
        _error = null;
        _sheet = Review ? (Login is null ? null : await Reviews.SheetAsync(Login))
            : ModuleId is not null ? Quizzes.ModuleSheet(ModuleId) : Belt is not null ? Quizzes.BeltSheet(Belt) : null;
    }

    private string? Picked(string question) => _answers.GetValueOrDefault(question)?.FirstOrDefault();

    private bool IsPicked(string question, string option) => _answers.GetValueOrDefault(question)?.Contains(option) == true;

    private void Pick(string question, string? option) =>
        _answers[question] = option is null ? [] : [option];

    private void Toggle(string question, string option, bool on)
    {
        var set = _answers.TryGetValue(question, out var s) ? s : _answers[question] = [];
        if (on)
        {
            set.Add(option);
        }
        else
        {
            set.Remove(option);
        }
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        try
        {
            var answers = _answers.ToDictionary(a => a.Key, a => a.Value.ToArray(), StringComparer.Ordinal);
            _result = Review ? await Reviews.GradeAsync(Login!, _sheet?.AttemptId, answers)
                : ModuleId is not null ? await Quizzes.GradeModuleAsync(ModuleId, answers, Login, CancellationToken.None)
                : await Quizzes.GradeBeltAsync(Belt!, _sheet?.AttemptId, answers, Login, CancellationToken.None);
            _error = null;
            if (_result is not null)
            {
                await Graded.InvokeAsync(_result);
            }
        }
        catch (QuizAnswerException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Texts(QuestionView q, IReadOnlyList<string> ids) =>
        ids.Count == 0 ? "none" : string.Join("; ", ids.Select(id => q.Options.FirstOrDefault(o => o.Id == id)?.Text ?? id));
}
