namespace Fawkes.Portal.IntegrationTests.Templates.Actions;

/// <summary>
/// Templates that use every action against the simulators, written to a temp folder that the catalog reads as a file
/// location. <c>every-action</c> builds a workspace with the file actions, publishes it and registers, fetches and
/// deploys the result; <c>create-then-push</c>, <c>pull-request</c> and <c>push-then-more</c> cover the other GitHub
/// actions and a failure in the middle of a run.
/// </summary>
public static class ActionTemplates
{
    public static string Create()
    {
        var dir = Directory.CreateTempSubdirectory("fawkes-action-templates-").FullName;
        Write(dir, "skeleton/README.md", "# ${{ values.name }}\n\nOwned by ${{ values.owner }}.\n");
        Write(dir, "skeleton/deploy/k8s/deployment.yaml", "kind: Deployment\nmetadata: { name: ${{ values.name }} }\n");
        Write(dir, "extras/old-name.md", "moved by fs:rename\n");
        Write(dir, "extras/scratch.tmp", "deleted by fs:delete\n");
        Write(dir, "extras/keep.txt", "copied as is: ${{ values.name }}\n");
        Write(dir, "files/LICENSE", "MIT, copied by fetch:plain:file\n");
        Write(dir, "template.yaml", Templates);
        return dir;
    }

    private static void Write(string root, string path, string text)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    private const string Templates = """
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: every-action, title: Every action }
        spec:
          owner: checkout-team
          type: service
          parameters:
            - required: [name]
              properties:
                name: { type: string, pattern: "^[a-z][a-z0-9-]*$" }
          steps:
            - { id: fetch, action: fetch:template, input: { url: ./skeleton, values: { name: "${{ parameters.name }}", owner: checkout-team } } }
            - { id: extras, action: fetch:plain, input: { url: ./extras, targetPath: extras } }
            - { id: license, action: fetch:plain:file, input: { url: ./files/LICENSE, targetPath: LICENSE.txt } }
            - { id: rename, action: fs:rename, input: { files: [ { from: extras/old-name.md, to: docs/index.md } ] } }
            - { id: delete, action: fs:delete, input: { files: [ "extras/*.tmp" ] } }
            - id: write
              action: catalog:write
              input:
                entity:
                  apiVersion: backstage.io/v1alpha1
                  kind: Component
                  metadata: { name: "${{ parameters.name }}", annotations: { argocd/app-name: "${{ parameters.name }}" } }
                  spec: { type: service, lifecycle: experimental, owner: group:default/checkout-team }
            - { id: log, action: debug:log, input: { message: "workspace ready for ${{ parameters.name }}" } }
            - { id: wait, action: debug:wait, input: { milliseconds: 50 } }
            - { id: notify, action: notification:send, input: { recipients: broadcast, title: "${{ parameters.name }} is on its way", link: https://portal.example/x } }
            - id: publish
              action: publish:github
              input:
                repoUrl: "github.com?owner=acme&repo=${{ parameters.name }}"
                description: Made by every-action
                repoVisibility: public
                topics: [fawkes, golden-path]
                gitCommitMessage: first commit
            - id: hook
              action: github:webhook
              input:
                repoUrl: "github.com?owner=acme&repo=${{ parameters.name }}"
                webhookUrl: https://ci.example/github-webhook/
                webhookSecret: hook-signing-key
                events: [push, pull_request]
                contentType: json
            - { id: register, action: catalog:register, input: { repoContentsUrl: "${{ steps.publish.output.repoContentsUrl }}", catalogInfoPath: /catalog-info.yaml } }
            - { id: lookup, action: catalog:fetch, input: { entityRef: "${{ steps.register.output.entityRef }}" } }
            - id: deploy
              action: argocd:create-app
              input: { appName: "${{ parameters.name }}", repoUrl: "${{ steps.publish.output.remoteUrl }}", path: deploy/k8s, namespace: shop }
          output:
            entityRef: ${{ steps.register.output.entityRef }}
            fetchedOwner: ${{ steps.lookup.output.entity.spec.owner }}
            commit: ${{ steps.publish.output.commitHash }}
            links:
              - { title: Repository, url: "${{ steps.publish.output.remoteUrl }}" }
              - { title: ArgoCD, url: "${{ steps.deploy.output.url }}" }
        ---
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: create-then-push }
        spec:
          owner: checkout-team
          type: service
          steps:
            - { id: fetch, action: fetch:template, input: { url: ./skeleton, values: { name: "${{ parameters.name }}", owner: me } } }
            - { id: create, action: github:repo:create, input: { repoUrl: "github.com?owner=acme&repo=${{ parameters.name }}", repoVisibility: private, defaultBranch: trunk } }
            - { id: push, action: github:repo:push, input: { repoUrl: "github.com?owner=acme&repo=${{ parameters.name }}", defaultBranch: trunk, sourcePath: deploy } }
          output:
            contents: ${{ steps.push.output.repoContentsUrl }}
        ---
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: pull-request }
        spec:
          owner: checkout-team
          type: service
          steps:
            - { id: fetch, action: fetch:plain, input: { url: ./extras } }
            - id: pr
              action: publish:github:pull-request
              input:
                repoUrl: "github.com?owner=acme&repo=${{ parameters.name }}"
                title: Add the extras
                description: Opened by the scaffolder
                branchName: add-extras
                targetPath: config
                commitMessage: add extras
          output:
            pr: ${{ steps.pr.output.remoteUrl }}
            number: ${{ steps.pr.output.pullRequestNumber }}
        ---
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata: { name: push-then-more }
        spec:
          owner: checkout-team
          type: service
          steps:
            - { id: fetch, action: fetch:template, input: { url: ./skeleton, values: { name: "${{ parameters.name }}", owner: me } } }
            - { id: say, action: debug:log, input: { message: "using ${{ secrets.deployKey }}" } }
            - { id: publish, action: publish:github, input: { repoUrl: "github.com?owner=acme&repo=${{ parameters.name }}" } }
            - { id: register, action: catalog:register, input: { repoContentsUrl: "${{ steps.publish.output.repoContentsUrl }}" } }
            - { id: after, action: debug:log, input: { message: never } }
        """;
}
