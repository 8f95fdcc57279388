namespace Fawkes.Portal.IntegrationTests.Templates;

/// <summary>Small templates for the task tests, written to a temp folder and registered as a catalog file location.</summary>
public static class TaskTemplates
{
    public static string Create()
    {
        var dir = Directory.CreateTempSubdirectory("fawkes-task-templates-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "skeleton"));
        File.WriteAllText(Path.Combine(dir, "skeleton", "README.md"), "# ${{ values.name }}\n");
        File.WriteAllText(Path.Combine(dir, "template.yaml"), """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: hello-task, title: Hello task }
            spec:
              owner: checkout-team
              type: service
              parameters:
                - title: Name
                  required: [name]
                  properties: { name: { type: string } }
                - properties: { extra: { type: string } }
                  when: false
              steps:
                - id: greet
                  name: Greet
                  action: debug:log
                  input: { message: "hello ${{ parameters.name }}" }
                - id: fetch
                  name: Fetch skeleton
                  action: fetch:template
                  input: { url: ./skeleton, values: { name: "${{ parameters.name }}" } }
              output:
                links:
                  - { title: Repository, url: "https://github.com/acme/${{ parameters.name }}" }
                  - { title: Open in catalog, icon: catalog, entityRef: "component:default/${{ parameters.name }}" }
            ---
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: slow-task }
            spec:
              owner: checkout-team
              type: service
              steps:
                - { id: wait, name: Wait a minute, action: debug:wait, input: { seconds: 60 } }
                - { id: after, action: debug:log, input: { message: never } }
            ---
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: owner-gated
              annotations: { fawkes.io/requires-approval: owner }
            spec:
              owner: checkout-team
              type: service
              steps:
                - { id: greet, action: debug:log, input: { message: approved run } }
            ---
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: lead-gated
              annotations: { fawkes.io/requires-approval: platform-lead }
            spec:
              owner: checkout-team
              type: service
              steps:
                - { id: greet, action: debug:log, input: { message: approved run } }
            """);
        return dir;
    }
}
