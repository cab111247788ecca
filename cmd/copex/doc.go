// Command copex runs Copex scenarios: a simulated co-operative economy under the
// Co-operative Exchange Token rules.
//
//	copex run [SCENARIO]      run a scenario (default baseline) and write its outputs
//	copex validate FILE...    check scenarios without running them
//	copex schema              print the JSON Schema of the scenario format
//	copex audit JOURNAL       verify a run's journal and rebuild every balance
//	copex list                list the embedded scenarios
//	copex bench               measure the engine on the reference scenarios
//
// See `copex help COMMAND` for each command's flags.
package main
