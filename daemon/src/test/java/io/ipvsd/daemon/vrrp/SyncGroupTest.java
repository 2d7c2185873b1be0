package io.ipvsd.daemon.vrrp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncGroupTest {
    static Map<String, SyncGroup.Member> group(Object... nameStateFaulty) {
        Map<String, SyncGroup.Member> m = new LinkedHashMap<>();
        for (int i = 0; i < nameStateFaulty.length; i += 3) {
            m.put((String) nameStateFaulty[i], new SyncGroup.Member((VrrpState) nameStateFaulty[i + 1], (Boolean) nameStateFaulty[i + 2]));
        }
        return m;
    }

    static Event.ForceState to(VrrpState s) {
        return new Event.ForceState(s);
    }

    @Test
    void oneMemberToMasterMovesAllToMaster() {
        var g = group("VI_1", VrrpState.MASTER, false, "VI_2", VrrpState.BACKUP, false, "VI_3", VrrpState.MASTER, false);
        assertEquals(Map.of("VI_2", to(VrrpState.MASTER)), SyncGroup.follow(g, "VI_1", VrrpState.BACKUP, VrrpState.MASTER));
    }

    @Test
    void oneMemberFromMasterToBackupMovesAllToBackup() {
        var g = group("VI_1", VrrpState.BACKUP, false, "VI_2", VrrpState.MASTER, false);
        assertEquals(Map.of("VI_2", to(VrrpState.BACKUP)), SyncGroup.follow(g, "VI_1", VrrpState.MASTER, VrrpState.BACKUP));
    }

    @Test
    void oneMemberToFaultMovesAllToFault() {
        var g = group("VI_1", VrrpState.FAULT, true, "VI_2", VrrpState.MASTER, false, "VI_3", VrrpState.BACKUP, false);
        assertEquals(Map.of("VI_2", to(VrrpState.FAULT), "VI_3", to(VrrpState.FAULT)),
                SyncGroup.follow(g, "VI_1", VrrpState.MASTER, VrrpState.FAULT));
    }

    @Test
    void groupWithAFaultyMemberCannotBecomeMaster() {
        var g = group("VI_1", VrrpState.MASTER, false, "VI_2", VrrpState.FAULT, true);
        assertEquals(Map.of("VI_1", to(VrrpState.FAULT)), SyncGroup.follow(g, "VI_1", VrrpState.BACKUP, VrrpState.MASTER));
    }

    @Test
    void leavingFaultWhileAnotherMemberIsFaultyIsPulledBack() {
        var g = group("VI_1", VrrpState.BACKUP, false, "VI_2", VrrpState.FAULT, true);
        assertEquals(Map.of("VI_1", to(VrrpState.FAULT)), SyncGroup.follow(g, "VI_1", VrrpState.FAULT, VrrpState.BACKUP));
    }

    @Test
    void leavingFaultBringsTheGroupToBackup() {
        var g = group("VI_1", VrrpState.BACKUP, false, "VI_2", VrrpState.FAULT, false);
        assertEquals(Map.of("VI_2", to(VrrpState.BACKUP)), SyncGroup.follow(g, "VI_1", VrrpState.FAULT, VrrpState.BACKUP));
    }

    @Test
    void stoppedMembersAreLeftAlone() {
        var g = group("VI_1", VrrpState.MASTER, false, "VI_2", VrrpState.STOPPED, false);
        assertEquals(Map.of(), SyncGroup.follow(g, "VI_1", VrrpState.BACKUP, VrrpState.MASTER));
    }

    @Test
    void startingInBackupMovesNobody() {
        var g = group("VI_1", VrrpState.BACKUP, false, "VI_2", VrrpState.MASTER, false);
        assertEquals(Map.of(), SyncGroup.follow(g, "VI_1", VrrpState.INIT, VrrpState.BACKUP));
    }
}
