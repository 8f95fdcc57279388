using Fawkes.Portal.Integrations.Jenkins;

namespace Fawkes.Portal.Tests.Integrations.Jenkins;

public sealed class JenkinsJobRefTests
{
    [Theory]
    [InlineData("payments/fraud-check/main", null, "payments/fraud-check/main", "payments/fraud-check")]
    [InlineData("ci-eu:payments/fraud-check", "ci-eu", "payments/fraud-check", "payments")]
    [InlineData(" ci : /payments//api/ ", "ci", "payments/api", "payments")]
    [InlineData("standalone", null, "standalone", "")]
    public void Parse_instance_and_folders(string annotation, string? instance, string fullName, string folder)
    {
        var job = JenkinsJobRef.Parse(annotation)!;

        Assert.Equal(instance, job.Instance);
        Assert.Equal(fullName, job.FullName);
        Assert.Equal(folder, job.Folder);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_missing_is_null(string? annotation) => Assert.Null(JenkinsJobRef.Parse(annotation));

    [Theory]
    [InlineData(":folder/job", "instance name before ':' is empty")]
    [InlineData("ci:", "names no job")]
    [InlineData("//", "names no job")]
    public void Parse_a_value_naming_no_job_says_what_is_wrong(string annotation, string message)
    {
        var error = Assert.Throws<FormatException>(() => JenkinsJobRef.Parse(annotation));

        Assert.Contains("jenkins.io/job-full-name", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JobPath_nests_folders_and_escapes_each_name_once()
    {
        Assert.Equal("job/a%20b/job/svc/job/feature%252Fx/", JenkinsClient.JobPath("a b/svc/feature%2Fx"));
    }
}
