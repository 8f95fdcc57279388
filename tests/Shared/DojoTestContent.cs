using System.Globalization;
using System.Text;

namespace Fawkes.Portal.Testing;

/// <summary>
/// A small Dojo curriculum written to a temporary folder: two belts, three modules with quizzes, an image and a
/// recommendation. Tests change single files (<see cref="Replace"/>) to provoke one error at a time.
/// In every quiz the correct answers are: option <c>a</c> for single choice, <c>a</c> and <c>b</c> for <c>q2</c>.
/// </summary>
public sealed class DojoTestContent : IDisposable
{
    public const string FirstModule = "white-first-steps";
    public const string SecondModule = "white-dora-basics";
    public const string YellowModule = "yellow-pipelines";

    public DojoTestContent()
    {
        Root = Path.Combine(Path.GetTempPath(), "dojo-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(Root, "white"));
        Directory.CreateDirectory(Path.Combine(Root, "yellow"));
        Directory.CreateDirectory(Path.Combine(Root, "images"));
        Write("belts.yaml", """
            belts:
              - id: white
                title: Platform Operator
                order: 1
                assessment: { questions: 15, passPercent: 80 }
              - id: yellow
                title: CI/CD Specialist
                order: 2
                assessment: { questions: 10, passPercent: 80 }
            """);
        Write("recommendations.yaml", """
            rules:
              - metric: changeFailureRate
                levels: [low, medium]
                title: Catch failures before production
                modules: [yellow-pipelines]
                goldenPathChanges:
                  - Turn on the quality gate stage
            """);
        File.WriteAllBytes(Path.Combine(Root, "images", "flow.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Write("white/01-first-steps.md", Module(FirstModule, "white", 1, "First steps", [], FirstBody));
        Write("white/01-first-steps.quiz.yaml", Quiz(FirstModule));
        Write("white/02-dora-basics.md", Module(SecondModule, "white", 2, "DORA basics", [FirstModule], "See [the first module](01-first-steps.md)."));
        Write("white/02-dora-basics.quiz.yaml", Quiz(SecondModule));
        Write("yellow/01-pipelines.md", Module(YellowModule, "yellow", 1, "Pipelines", [SecondModule], "Open [the catalog](/catalog)."));
        Write("yellow/01-pipelines.quiz.yaml", Quiz(YellowModule));
    }

    public string Root { get; }

    /// <summary>Theory text of the first module: a table, a task list, a callout, YAML, Mermaid and an image.</summary>
    public const string FirstBody = """
        | Metric | Unit |
        |---|---|
        | Lead time | hours |

        - [x] Read the catalog
        - [ ] Open the DORA dashboard

        > [!WARNING]
        > Never deploy on a Friday without a rollback plan.

        ```yaml
        url: "https://example.com/a?b=1" # where it lives
        ```

        ```mermaid
        graph LR; A-->B
        ```

        ![flow](../images/flow.png)
        """;

    /// <summary>Markdown a module must not get away with: raw script, an event handler, a javascript: link.</summary>
    public const string HostileMarkdown = """
        <script>alert('owned')</script>

        Inline <b onclick="alert('owned')">bold</b> text.

        [click](javascript:alert('owned'))
        """;

    public static string Module(string id, string belt, int order, string title, string[] prerequisites, string theory) => $"""
        ---
        id: {id}
        belt: {belt}
        order: {order}
        title: {title}
        minutes: 60
        prerequisites: [{string.Join(", ", prerequisites)}]
        doraCapabilities: [deployment-automation]
        objectives:
          - Explain {title.ToLowerInvariant()}
        lab:
          title: Check your service
          checks:
            - type: entity
              annotations: [backstage.io/kubernetes-id]
            - type: dora-events
              days: 30
              minDeployments: 1
        ---

        ## Objectives (5 min)
        You will learn {title.ToLowerInvariant()}.

        ## Theory (20 min)
        {theory}

        ### A closer look
        More theory.

        ## Demo (10 min)
        Watch the demo.

        ## Lab (15 min)
        Do the lab.

        ## Knowledge check (5 min)
        The quiz for this module is below this page.

        ## Reflection (5 min)
        Think about it.
        """;

    public static string Quiz(string module, int questions = 10)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"module: {module}\npassPercent: 80\nquestions:\n");
        for (var i = 1; i <= questions; i++)
        {
            if (i == 2)
            {
                text.Append("""
                      - id: q2
                        type: multiple
                        text: Which two are DORA metrics?
                        options:
                          - { id: a, text: Lead time for changes, correct: true }
                          - { id: b, text: Change failure rate, correct: true }
                          - { id: c, text: Lines of code, explanation: Output is not a delivery metric. }
                        explanation: Lead time and change failure rate are two of the five.

                    """);
                continue;
            }
            text.Append(CultureInfo.InvariantCulture, $"""
                  - id: q{i}
                    type: single
                    text: Question {i} of {module}?
                    options:
                      - {"{"} id: a, text: Right answer {i}, correct: true {"}"}
                      - {"{"} id: b, text: Wrong answer {i}, explanation: Not this one. {"}"}
                    explanation: Because {i}.

                """);
        }
        return text.ToString();
    }

    public void Write(string relative, string text) => File.WriteAllText(Path.Combine(Root, relative), text.ReplaceLineEndings("\n"));

    /// <summary>Replaces text in one file; fails the test when the text is not there (so a broken case cannot pass).</summary>
    public void Replace(string relative, string old, string replacement)
    {
        var path = Path.Combine(Root, relative);
        var text = File.ReadAllText(path);
        if (!text.Contains(old, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{old}' is not in {relative}");
        }
        File.WriteAllText(path, text.Replace(old, replacement, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file watcher of a test host may still hold the folder; the temp folder is cleaned by the system.
        }
    }
}
