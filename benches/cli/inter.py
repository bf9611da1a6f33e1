# Runs each command in turn, ROUNDS times, and prints each one's median wall, user and system time and the
# median of the per-round ratio of the first command's wall time to its own (robust to a machine whose speed
# drifts). Usage: python3 benches/cli/inter.py ROUNDS "CMD1" "CMD2" ...
import subprocess, sys, time, os, resource, statistics as st
rounds = int(sys.argv[1]); cmds = sys.argv[2:]
wall = [[] for _ in cmds]; cpu = [[] for _ in cmds]
for r in range(rounds):
    for i, c in enumerate(cmds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(c + " > /dev/null", shell=True)
        w = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall[i].append(w); cpu[i].append((after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime))
for i, c in enumerate(cmds):
    ratios = [wall[0][k] / wall[i][k] for k in range(rounds)]
    print(f"{st.median(wall[i]):.3f} s wall (min {min(wall[i]):.3f}), user {st.median([u for u,s in cpu[i]]):.3f} sys {st.median([s for u,s in cpu[i]]):.3f}, paired ratio of first/this median {st.median(ratios):.3f} : {c[:90]}")
