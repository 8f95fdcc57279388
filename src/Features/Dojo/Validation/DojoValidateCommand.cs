namespace Fawkes.Portal.Features.Dojo.Validation;

/// <summary>
/// <c>dotnet Fawkes.Portal.dll dojo validate [folder]</c>: checks a content folder against docs/dojo-authoring.md and
/// stops at the first error, printed as <c>file:line: message</c>; exit code 0 when the folder is valid.
/// </summary>
internal static class DojoValidateCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is not ["validate", ..] || args.Length > 2)
        {
            error.WriteLine("usage: dojo validate [folder]   (default: content/dojo beside the app)");
            return 2;
        }
        var folder = args.Length == 2 ? args[1] : Path.Combine(AppContext.BaseDirectory, "content", "dojo");
        var errors = CurriculumValidator.Validate(folder, SiteRoutes.Portal);
        if (errors.Count > 0)
        {
            error.WriteLine(Path.Combine(folder, errors[0].File).Replace('\\', '/') + $":{errors[0].Line}: {errors[0].Message}");
            return 1;
        }
        var curriculum = Content.CurriculumLoader.Load(folder).Curriculum;
        output.WriteLine($"{folder}: valid ({curriculum.Belts.Count} belts, {curriculum.Modules.Count} modules, " +
            $"{curriculum.Quizzes.Sum(q => q.Questions.Count)} quiz questions)");
        return 0;
    }
}
