// Command copex runs Copex scenarios: a simulated co-operative economy under the
// Co-operative Exchange Token rules.
//
//	copex run [SCENARIO]      run a scenario (default baseline) and write its outputs
//	copex validate FILE...    check scenario, sweep, tune, screen, comparison and figures files
//	copex schema [--type T]   print the JSON Schema of a file type (default: scenarios)
//	copex audit JOURNAL       verify a run's journal and rebuild every balance
//	copex clear FILE.csv      clear an obligations file by multilateral set-off (exact, optimal)
//	copex list                list the embedded scenarios
//	copex bench               measure the engine on the reference scenarios
//	copex sweep FILE          run a batch of scenarios (grid or Latin hypercube)
//	copex merge DIR...        merge the shards of a sweep
//	copex compare A B         compare two scenarios over replicates
//	copex tune FILE           tune grant-formula parameters to a target
//	copex screen FILE         rank parameters by their effects (Morris)
//	copex analyze DIR         report on a sweep's results
//	copex serve               build GetGo for the browser and serve it on 127.0.0.1
//
// See `copex help COMMAND` for each command's flags.
package main
