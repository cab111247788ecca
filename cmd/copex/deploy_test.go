package main

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The files under deploy/ are run here as the schedulers would run them: the binary is
// built by deploy/Dockerfile's own `go build` line (Docker itself is not needed), the
// Kubernetes Jobs' command lines are taken from their YAML and run once per completion
// index with the environment the Job controller gives each pod, and the Slurm scripts
// are run by bash once per array task with the variables Slurm sets. Each way's merge
// must equal one local sweep byte for byte, so the test fails when the files drift from
// copex or from each other.

const repoRoot = "../.."

// deploySweep is a sweep of 3 points × 3 replicates: 9 runs, more than the 8 shards.
const deploySweep = `name: cluster
scenario: baseline
set: [members=300, coops.count=12, ticks=12]
parameters:
  issuance.foundation_share: {values: [0.1, 0.2, 0.3]}
replicates: 3
seed: 5
metrics: [last(price_index), mean(unmet_wants_value)]
`

// words splits a shell line into words, honouring single and double quotes (enough
// for a Dockerfile's RUN line; no expansions).
func words(line string) ([]string, error) {
	var (
		out   []string
		cur   strings.Builder
		quote rune
		in    bool
	)
	for _, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				out = append(out, cur.String())
				cur.Reset()
				in = false
			}
		case r == '\\' || r == '$' || r == '`' || r == ';' || r == '&' || r == '|' || r == '*':
			return nil, fmt.Errorf("%q: %q is more shell than this test runs", line, r)
		default:
			cur.WriteRune(r)
			in = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("%q: unclosed quote", line)
	}
	if in {
		out = append(out, cur.String())
	}
	return out, nil
}

// dockerImage is what the test reads from deploy/Dockerfile.
type dockerImage struct {
	env        []string // the go build line's assignments
	build      []string // the go build command line
	binary     string   // where go build writes the binary in the build stage
	installed  string   // where the final stage has it
	entrypoint []string
}

func readDockerfile(t *testing.T) dockerImage {
	t.Helper()
	text := string(readFile(t, filepath.Join(repoRoot, "deploy", "Dockerfile")))
	text = strings.ReplaceAll(text, "\\\n", " ")
	var (
		img    dockerImage
		stages []string // each FROM's stage name ("" when unnamed)
		final  string   // the last FROM's image
	)
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		instr, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(instr) {
		case "FROM":
			f := strings.Fields(rest)
			name := ""
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				name = f[2]
			}
			stages, final = append(stages, name), f[0]
		case "RUN":
			if !strings.Contains(rest, "go build") {
				continue
			}
			w, err := words(rest)
			if err != nil {
				t.Fatalf("Dockerfile:%d: %v", n+1, err)
			}
			for len(w) > 0 && strings.Contains(w[0], "=") {
				img.env, w = append(img.env, w[0]), w[1:]
			}
			img.build = w
			if o := slices.Index(w, "-o"); o >= 0 && o+1 < len(w) {
				img.binary = w[o+1]
			}
		case "COPY":
			f := strings.Fields(rest)
			if len(f) == 3 && strings.HasPrefix(f[0], "--from=") {
				if f[1] != img.binary {
					t.Errorf("Dockerfile:%d copies %s from the build stage; go build writes %s", n+1, f[1], img.binary)
				}
				img.installed = f[2]
			}
		case "ENTRYPOINT":
			w, err := words(strings.NewReplacer("[", "", "]", "", ",", " ").Replace(rest))
			if err != nil {
				t.Fatal(err)
			}
			img.entrypoint = w
		}
	}
	if len(stages) < 2 || stages[0] == "" || slices.Contains(stages[1:], final) {
		t.Errorf("Dockerfile stages %q, final image %s: want a named build stage and a final stage from another image", stages, final)
	}
	if len(img.build) < 2 || img.build[0] != "go" || img.build[1] != "build" || img.build[len(img.build)-1] != "./cmd/copex" {
		t.Fatalf("Dockerfile's go build line is %q; want go build ... ./cmd/copex", img.build)
	}
	if !slices.Contains(img.env, "CGO_ENABLED=0") {
		t.Errorf("Dockerfile's go build runs with %q; want CGO_ENABLED=0 (a static binary)", img.env)
	}
	if img.binary == "" || img.installed == "" {
		t.Fatalf("Dockerfile: go build -o %q, copied to %q: want both", img.binary, img.installed)
	}
	if !slices.Equal(img.entrypoint, []string{img.installed}) {
		t.Errorf("Dockerfile ENTRYPOINT %q; want [%s]", img.entrypoint, img.installed)
	}
	return img
}

// buildImageBinary runs the Dockerfile's go build line from the repository's root, with
// the binary written into dir, and checks that it is static.
func buildImageBinary(t *testing.T, img dockerImage, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "copex")
	args := slices.Clone(img.build[1:])
	args[slices.Index(args, "-o")+1] = bin
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go tool is needed to build the image's binary: %v", err)
	}
	cmd := exec.Command(goTool, args...)
	cmd.Dir = repoRoot
	cmd.Env = append(os.Environ(), img.env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("Dockerfile's %q: %v\n%s", img.build, err, out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	libs, _ := f.ImportedLibraries()
	interp := slices.ContainsFunc(f.Progs, func(p *elf.Prog) bool { return p.Type == elf.PT_INTERP })
	if interp || len(libs) > 0 {
		t.Fatalf("%s is dynamically linked (libraries %q): the distroless static image cannot run it", bin, libs)
	}
	return bin
}

// k8sDoc is the part of a Kubernetes object the test reads.
type k8sDoc struct {
	Kind     string
	Metadata struct{ Name string }
	Spec     struct {
		AccessModes      []string `yaml:"accessModes"`
		StorageClassName string   `yaml:"storageClassName"`
		CompletionMode   string   `yaml:"completionMode"`
		Completions      int
		Template         struct {
			Spec struct {
				Containers []struct {
					Image        string
					Command      []string
					Args         []string
					Env          []struct{ Name, Value string }
					VolumeMounts []struct {
						Name      string
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				}
			}
		}
	}
}

func readK8s(t *testing.T, name string) []k8sDoc {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(readFile(t, filepath.Join(repoRoot, "deploy", "k8s", name))))
	var docs []k8sDoc
	for {
		var d k8sDoc
		err := dec.Decode(&d)
		if errors.Is(err, io.EOF) {
			return docs
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, d)
	}
}

// kubeExpand expands $(VAR) in a container's command and args as the kubelet does:
// from the container's environment, $$ for a $, an undefined reference left as it is.
func kubeExpand(s string, env map[string]string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '$' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		if s[i+1] == '$' {
			b.WriteByte('$')
			i++
			continue
		}
		if end := strings.IndexByte(s[i:], ')'); s[i+1] == '(' && end > 0 {
			if v, ok := env[s[i+2:i+end]]; ok {
				b.WriteString(v)
				i += end
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// runPod runs a container's command line in a pod of an Indexed Job (index ≥ 0) or of
// a plain Job (index < 0), with the image's binary for its command and each volume at
// root/NAME.
func runPod(t *testing.T, d k8sDoc, index int, img dockerImage, bin, root string) {
	t.Helper()
	c := d.Spec.Template.Spec.Containers[0]
	env := map[string]string{}
	var environ []string
	for _, e := range c.Env {
		env[e.Name] = e.Value
		environ = append(environ, e.Name+"="+e.Value)
	}
	if index >= 0 { // the Job controller adds it to each container's environment
		env["JOB_COMPLETION_INDEX"] = strconv.Itoa(index)
		environ = append(environ, "JOB_COMPLETION_INDEX="+strconv.Itoa(index))
	}
	argv := slices.Concat(c.Command, c.Args)
	if len(c.Command) == 0 || c.Command[0] != img.installed {
		t.Fatalf("job %s runs %q; want the image's binary %s, run with no shell", d.Metadata.Name, c.Command, img.installed)
	}
	var pairs []string
	for _, m := range c.VolumeMounts {
		pairs = append(pairs, m.MountPath, filepath.Join(root, m.Name))
	}
	mounts := strings.NewReplacer(pairs...)
	for i := range argv {
		argv[i] = mounts.Replace(kubeExpand(argv[i], env))
		if strings.Contains(argv[i], "$(") {
			t.Fatalf("job %s: %q names a variable the pod does not have", d.Metadata.Name, argv[i])
		}
	}
	cmd := exec.Command(bin, argv[1:]...)
	cmd.Env = environ
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("job %s, index %d: %q: %v\n%s", d.Metadata.Name, index, argv, err, out)
	}
}

// sameAsLocal checks that a merged folder's runs.csv and ticks.parquet equal the local
// sweep's, byte for byte.
func sameAsLocal(t *testing.T, what, merged, local string) {
	t.Helper()
	for _, f := range []string{"runs.csv", "ticks.parquet"} {
		got, want := readFile(t, filepath.Join(merged, f)), readFile(t, filepath.Join(local, f))
		if !bytes.Equal(got, want) {
			t.Errorf("%s: merged %s (%d bytes) differs from one local sweep's (%d bytes)", what, f, len(got), len(want))
		}
	}
}

// TestDeploy builds copex as deploy/Dockerfile does (the image itself is not built),
// then runs the Kubernetes Jobs and the Slurm scripts with it.
func TestDeploy(t *testing.T) {
	img := readDockerfile(t)
	dir := t.TempDir()
	bin := buildImageBinary(t, img, dir)
	local := localSweep(t, bin, dir)
	t.Run("kubernetes", func(t *testing.T) { deployKubernetes(t, img, bin, local, t.TempDir()) })
	t.Run("slurm", func(t *testing.T) { deploySlurm(t, bin, local, t.TempDir()) })
}

// deployKubernetes runs every pod of the sweep Job, then the merge Job.
func deployKubernetes(t *testing.T, img dockerImage, bin, local, dir string) {

	var sweepJob, mergeJob *k8sDoc
	var claim string
	for _, d := range readK8s(t, "sweep-job.yaml") {
		switch d.Kind {
		case "PersistentVolumeClaim":
			claim = d.Metadata.Name
			if !slices.Contains(d.Spec.AccessModes, "ReadWriteMany") || d.Spec.StorageClassName == "" {
				t.Errorf("claim %s: access %q, storage class %q; want ReadWriteMany and a class named", d.Metadata.Name, d.Spec.AccessModes, d.Spec.StorageClassName)
			}
		case "Job":
			sweepJob = &d
		}
	}
	for _, d := range readK8s(t, "merge-job.yaml") {
		if d.Kind == "Job" {
			mergeJob = &d
		}
	}
	if sweepJob == nil || mergeJob == nil || claim == "" {
		t.Fatalf("want a sweep Job and a claim in sweep-job.yaml, a Job in merge-job.yaml")
	}
	if sweepJob.Spec.CompletionMode != "Indexed" || sweepJob.Spec.Completions < 2 {
		t.Fatalf("sweep Job: completionMode %q, completions %d; want Indexed and several", sweepJob.Spec.CompletionMode, sweepJob.Spec.Completions)
	}
	if a, b := sweepJob.Spec.Template.Spec.Containers[0].Image, mergeJob.Spec.Template.Spec.Containers[0].Image; a != b {
		t.Errorf("the sweep Job runs %s, the merge Job %s: want the one image of deploy/Dockerfile", a, b)
	}

	root := filepath.Join(dir, "pod")
	config := filepath.Join(root, "config")
	if err := os.MkdirAll(config, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, config, "sweep.yaml", deploySweep) // the ConfigMap's key
	for k := range sweepJob.Spec.Completions {
		runPod(t, *sweepJob, k, img, bin, root)
	}
	runPod(t, *mergeJob, -1, img, bin, root)
	sameAsLocal(t, "Kubernetes", filepath.Join(root, "results", "merged"), local)
}

// localSweep runs the whole of deploySweep on this machine, into dir/local.
func localSweep(t *testing.T, bin, dir string) string {
	t.Helper()
	file := write(t, dir, "sweep.yaml", deploySweep)
	local := filepath.Join(dir, "local")
	if out, err := exec.Command(bin, "sweep", file, "--out", local, "-q").CombinedOutput(); err != nil {
		t.Fatalf("local sweep: %v\n%s", err, out)
	}
	return local
}

// slurmArray returns the task IDs of an --array range A-B or A-B:S (a %N limit
// ignored), the variables Slurm sets for each task follow from them.
func slurmArray(t *testing.T, spec string) []int {
	t.Helper()
	spec, _, _ = strings.Cut(spec, "%")
	m := regexp.MustCompile(`^(\d+)-(\d+)(?::(\d+))?$`).FindStringSubmatch(spec)
	if m == nil {
		t.Fatalf("--array=%s: the test reads ranges A-B[:S] only", spec)
	}
	lo, _ := strconv.Atoi(m[1])
	hi, _ := strconv.Atoi(m[2])
	step := 1
	if m[3] != "" {
		step, _ = strconv.Atoi(m[3])
	}
	var ids []int
	for id := lo; id <= hi; id += step {
		ids = append(ids, id)
	}
	return ids
}

// deploySlurm runs sweep.sbatch for every task of three arrays of the same size, then
// merge.sbatch, with the image's binary on PATH as copex.
func deploySlurm(t *testing.T, bin, local, dir string) {
	write(t, dir, "sweep.yaml", deploySweep)
	if _, err := exec.LookPath("bash"); err != nil {
		t.Fatal("bash is needed to run the sbatch scripts")
	}
	script := filepath.Join(repoRoot, "deploy", "slurm", "sweep.sbatch")
	text := string(readFile(t, script))
	directive := func(name string) string {
		m := regexp.MustCompile(`(?m)^#SBATCH --` + name + `=(\S+)`).FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("sweep.sbatch has no #SBATCH --%s", name)
		}
		return m[1]
	}
	array, cpus := directive("array"), directive("cpus-per-task")
	n := len(slurmArray(t, array))
	// The script's own array, and the same number of tasks counted from 1 and in steps of
	// 2 (sbatch --array=... on the command line), which once ran shards twice or failed.
	for _, spec := range []string{array, fmt.Sprintf("1-%d", n), fmt.Sprintf("0-%d:2", 2*n-1)} {
		ids := slurmArray(t, spec)
		results := filepath.Join(dir, "slurm-"+strings.NewReplacer(":", "_", "%", "_").Replace(spec))
		path := "PATH=" + filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")
		for _, id := range ids {
			step := 1
			if len(ids) > 1 {
				step = ids[1] - ids[0]
			}
			cmd := exec.Command("bash", script, filepath.Join(dir, "sweep.yaml"), results)
			cmd.Env = []string{path,
				"SLURM_JOB_ID=" + strconv.Itoa(1000+id), "SLURM_ARRAY_JOB_ID=999",
				"SLURM_ARRAY_TASK_ID=" + strconv.Itoa(id),
				"SLURM_ARRAY_TASK_MIN=" + strconv.Itoa(ids[0]),
				"SLURM_ARRAY_TASK_MAX=" + strconv.Itoa(ids[len(ids)-1]),
				"SLURM_ARRAY_TASK_STEP=" + strconv.Itoa(step),
				"SLURM_ARRAY_TASK_COUNT=" + strconv.Itoa(len(ids)),
				"SLURM_CPUS_PER_TASK=" + cpus,
			}
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("--array=%s task %d: %v\n%s", spec, id, err, out)
			}
		}
		cmd := exec.Command("bash", filepath.Join(repoRoot, "deploy", "slurm", "merge.sbatch"), results)
		cmd.Env = []string{path, "SLURM_JOB_ID=2000"}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("--array=%s: merge.sbatch: %v\n%s", spec, err, out)
		}
		sameAsLocal(t, "Slurm --array="+spec, filepath.Join(results, "merged"), local)
	}
}
