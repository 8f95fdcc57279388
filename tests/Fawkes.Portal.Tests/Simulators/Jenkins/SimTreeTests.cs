using System.Text.Json.Nodes;
using Fawkes.Portal.Simulators.Jenkins;

namespace Fawkes.Portal.Tests.Simulators.Jenkins;

public sealed class SimTreeTests
{
    [Fact]
    public void Tree_keeps_the_named_fields_nested_and_the_range_and_always_the_class()
    {
        var job = JsonNode.Parse("""
            {"_class":"J","name":"a","color":"red","builds":[
              {"_class":"R","number":3,"result":"FAILURE","actions":[{"_class":"T","failCount":1,"urlName":"x"}]},
              {"_class":"R","number":2,"result":"SUCCESS","actions":[]},
              {"_class":"R","number":1,"result":"SUCCESS","actions":[]}]}
            """)!;

        var filtered = SimTree.Apply(job, "name,builds[number,actions[failCount]]{0,2}");

        Assert.Equal(
            """{"_class":"J","name":"a","builds":[{"_class":"R","number":3,"actions":[{"_class":"T","failCount":1}]},{"_class":"R","number":2,"actions":[]}]}""",
            filtered.ToJsonString());
    }

    [Fact]
    public void No_tree_keeps_everything() => Assert.Equal("""{"a":1}""", SimTree.Apply(JsonNode.Parse("""{"a":1}""")!, null).ToJsonString());
}
