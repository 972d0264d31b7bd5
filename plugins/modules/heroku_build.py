#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) 2026, herokuops.platform contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r'''
---
module: heroku_build
short_description: Build a Heroku app from source and wait until it runs it
version_added: 0.4.0
description:
  - Builds an app from a gzip'd tarball of its source, then by default waits for the build and for the
    release it makes, release phase included, and returns the end of the build output.
  - The source is a URL Heroku downloads (O(source_url)), or a local archive or directory (O(source_path)) that
    the module uploads through Heroku's sources API. A directory is packed into a gzip'd tar the same way every
    run (entries sorted, owners and times normalised, modes reduced to executable or not, no gzip timestamp), so
    that the same tree has the same checksum. Its C(.git) directory is left out, as a git deploy leaves it out.
  - A build is an action, not a state, so the module decides whether one is needed by reading the app's newest
    releases and builds, one request each. When the app's current release runs the slug of a build of the same
    source, nothing is built and the task reports C(changed=false). The same source means the same checksum
    (always known for O(source_path), given with O(checksum) for O(source_url)) or, with O(unique_version=true),
    the same O(version); and, when the task names O(buildpacks), the same buildpacks in the same order, as the
    build recorded them. The same source with other buildpacks is built again.
  - A O(source_url) with neither O(checksum) nor O(unique_version=true) cannot be recognised, so it is built on
    every run.
  - When the newest builds include one of the same source that is still running, or whose release phase is,
    for example after a run with O(wait=false) or one that timed out, it is waited for instead of built again,
    and RV(heroku_build.awaited) is true.
  - A build that fails, or a release phase that fails, fails the task with the end of its output; the task still
    reports C(changed=true) when it started the build. A failed release phase leaves the app on its previous
    release.
  - A Fir app's build makes an OCI image instead of a slug; its release runs that image (RV(heroku_build.oci_image_id)),
    and a build of the same source is recognised by the image the current release runs.
  - A build still C(pending) when O(wait_timeout) ends is cancelled with Heroku's build cancel when
    O(cancel_on_timeout=true); the task fails saying so and reports C(changed=true). Otherwise the task fails saying
    that the build is still running and was left running; a next run awaits it.
  - Check mode sends no write (no upload, no build) and reports whether a build would be made. With C(--diff) the
    diff shows the current release (version, slug, and the checksum and version of its source) and the one a
    build would make.
author:
  - herokuops.platform contributors (@herokuops)
options:
  app:
    description:
      - Name or id of the app to build. It must exist; create it with M(herokuops.platform.heroku_app).
    type: str
    required: true
  source_url:
    description:
      - An http:// or https:// URL of a gzip'd tarball of the source, which Heroku downloads. Its root, or its one
        top directory, holds the app (a C(Procfile), C(package.json), ...).
      - The URL may carry a token; all of it but its scheme and host is masked wherever the module's arguments are
        shown, and it is not returned.
      - Exactly one of O(source_url) and O(source_path) is required.
    type: str
  source_path:
    description:
      - A local directory, or a C(.tar.gz) or C(.tgz) file, on the machine the module runs on. The module packs a
        directory, computes the checksum, uploads the archive to the URL Heroku's sources API gives (without the API
        key) and builds from it.
      - A file that is not a gzip'd tar (not gzip, or gzip holding something else) fails the task before any
        request.
    type: path
  checksum:
    description:
      - The archive's checksum, C(SHA256:) followed by the 64 hex digits of its SHA-256.
      - With O(source_url), Heroku checks the downloaded archive against it, and the module recognises a source
        already built by it.
      - With O(source_path) the module computes it; one given must match, or the task fails before any request.
    type: str
  version:
    description:
      - A version of the source to record with the build, such as a git commit or a release tag.
    type: str
  unique_version:
    description:
      - Whether O(version) names one source only, so that a build of the same version is the same source. Lets
        the module recognise a O(source_url) given without O(checksum).
    type: bool
    default: false
  buildpacks:
    description:
      - Buildpacks to build with, in order, instead of the app's own; registry names such as V(heroku/nodejs) or
        URLs.
      - Part of what makes a build the same as the one the app runs; without it, the buildpacks are not compared.
        With C(--diff), the diff shows them.
      - A Fir app has no classic buildpacks (its Cloud Native Buildpacks are named in its C(project.toml)), so a build
        with O(buildpacks) on a Fir app fails before any write. The app is read for its generation only when a
        build with O(buildpacks) is to be made.
    type: list
    elements: str
  output_lines:
    description:
      - How many of the last lines of the build output to return in RV(heroku_build.output) (and of the release
        phase output in RV(heroku_build.release_output) when it fails); V(0) reads no output.
      - The output is read once, when the build has ended; a failure message shows up to 20 of these lines.
    type: int
    default: 100
  wait:
    description:
      - Wait until the build ends and, when it succeeds, until its release ends its release phase. Never waits in
        check mode.
      - Without waiting, the task returns once Heroku has accepted the build, and cannot tell whether it succeeds.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the build and its release together, when O(wait=true). On timeout the task fails saying
        what it saw last, for example that the release phase was still running.
    type: int
    default: 1800
  cancel_on_timeout:
    description:
      - Cancel the build (Heroku's C(DELETE /apps/{app}/builds/{id})) when it is still C(pending) once O(wait_timeout)
        has passed, so that it never releases late. The task fails saying that the build was cancelled; it becomes
        C(failed) and makes no release.
      - A build that has ended meanwhile cannot be cancelled (Heroku refuses); the task reports how it ended. A
        release phase that is still running is not a build, and goes on.
      - Without it a build that outlives the wait goes on at Heroku and is released when it succeeds.
    type: bool
    default: false
    version_added: 0.5.0
extends_documentation_fragment:
  - herokuops.platform.heroku
  - herokuops.platform.heroku.ATTRIBUTES
notes:
  - Its secret values are masked in results, diffs, warnings and error messages, Heroku's own error texts
    included, whole and in the parts a text may quote alone (a line of a key, a URL's password, a token).
  - Ansible itself prints each item of a C(loop) in the task's status line, whatever the module masks. Loop over
    secret-holding items with C(loop_control.label) set to a part that is not secret, as the examples do.
  - The upload is held in memory while it is sent; Heroku's limit for a slug is 500 MB compressed.
seealso:
  - module: herokuops.platform.heroku_app
  - module: herokuops.platform.heroku_pipeline_promotion
  - name: Heroku Build API
    description: How builds from source work.
    link: https://devcenter.heroku.com/articles/build-and-release-using-the-api
'''

EXAMPLES = r'''
- name: Build acme-web from the checked-out source
  herokuops.platform.heroku_build:
    app: acme-web
    source_path: "{{ playbook_dir }}/../app"
    version: "{{ app_commit }}"
  register: build

- name: Show how it ended
  ansible.builtin.debug:
    msg: "v{{ build.heroku_build.release_version }}: {{ build.heroku_build.output | last }}"

- name: Build a release tarball; versions name one tarball each, so a second run builds nothing
  herokuops.platform.heroku_build:
    app: acme-web
    source_url: https://releases.example.com/acme-web-1.4.2.tgz
    version: 1.4.2
    unique_version: true
    buildpacks:
      - heroku/nodejs

- name: Start a build without waiting for it
  herokuops.platform.heroku_build:
    app: acme-web
    source_path: dist/acme-web.tgz
    checksum: SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
    wait: false

- name: Build, and cancel the build if it has not finished within ten minutes
  herokuops.platform.heroku_build:
    app: acme-web
    source_path: "{{ playbook_dir }}/../app"
    wait_timeout: 600
    cancel_on_timeout: true

- name: Builds of several apps from token URLs (the label, not the URL, is printed for each item)
  herokuops.platform.heroku_build:
    app: "{{ item.app }}"
    source_url: "{{ item.url }}"
  loop: "{{ releases_to_build }}"
  loop_control:
    label: "{{ item.app }}"
'''

RETURN = r'''
heroku_build:
  description:
    - The build this run made, awaited, or found already running the source; in check mode before a build, what is
      known of the build that would be made (its ids V(null)).
  returned: always
  type: dict
  contains:
    id:
      description: Id of the build.
      type: str
      sample: 01234567-89ab-cdef-0123-456789abcdef
    status:
      description: C(pending), C(succeeded) or C(failed); V(null) in check mode before a build.
      type: str
      sample: succeeded
    slug_id:
      description: Id of the slug the build made, once it has succeeded; V(null) on a Fir app (it makes an OCI image).
      type: str
    oci_image_id:
      description:
        - Id of the OCI image the build's release runs, on a Fir app (the C(oci-image) among the release's
          C(artifacts)), once the release has been read; V(null) on a Cedar app and without waiting.
      type: str
      version_added: 0.5.0
    release_id:
      description: Id of the release the build made, once it has succeeded.
      type: str
    release_version:
      description: Version of that release (the app's current release when nothing was built).
      type: int
      sample: 42
    release_status:
      description: C(pending) while its release phase runs, then C(succeeded) or C(failed).
      type: str
      sample: succeeded
    buildpacks:
      description: The buildpacks the build used, by registry name or URL, where Heroku says.
      type: list
      elements: str
      sample: [heroku/nodejs]
    source_checksum:
      description: Checksum of the source, C(SHA256:) and hex digits, where known.
      type: str
      sample: SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
    source_version:
      description: Version recorded with the source.
      type: str
      sample: 1.4.2
    output:
      description:
        - The last O(output_lines) lines of the build output, read once when the build has ended. Empty when
          nothing was built, without waiting, and in check mode.
      type: list
      elements: str
      sample: ["-----> Build succeeded!", "-----> Launching... done, v42"]
    release_output:
      description: The last O(output_lines) lines of the release phase output, when the release phase failed.
      type: list
      elements: str
    awaited:
      description: Whether the build was one of an earlier run, still running, waited for instead of building again.
      type: bool
      sample: false
    cancelled:
      description: Whether this run cancelled the build, still pending when O(wait_timeout) ended (O(cancel_on_timeout)).
      type: bool
      sample: false
      version_added: 0.5.0
'''

from ansible_collections.herokuops.platform.plugins.module_utils._build import HEROKU_BUILD
from ansible_collections.herokuops.platform.plugins.module_utils.heroku_module import run_module


def main():
    run_module(HEROKU_BUILD)


if __name__ == "__main__":
    main()
